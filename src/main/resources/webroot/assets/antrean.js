/* antrean.html: the waiting room. Polls POST /api/admission and goes on to the page when admitted. */
(function () {
  'use strict';
  var query = new URLSearchParams(location.search);
  var flow = query.get('flow') || 'registration';
  var next = query.get('next') || (flow === 'form' ? '/masuk.html' : '/daftar.html');
  if (next.charAt(0) !== '/' || next.charAt(1) === '/') { next = '/'; } // only pages of this site
  var position = document.getElementById('posisi');
  var of = document.getElementById('dari');
  var estimate = document.getElementById('perkiraan');
  var updated = document.getElementById('diperbarui');
  var message = document.querySelector('[data-message]');

  function wait(seconds) {
    if (seconds === null || seconds === undefined) { return 'sedang dihitung'; }
    if (seconds < 60) { return 'kurang dari 1 menit'; }
    var minutes = Math.round(seconds / 60);
    return minutes < 60 ? 'sekitar ' + minutes + ' menit' : 'sekitar ' + Math.round(minutes / 6) / 10 + ' jam';
  }

  async function poll() {
    var result = await Api.call('POST', '/api/admission', { flow: flow });
    var again = 5;
    if (result.ok && result.body.status === 'ADMITTED') {
      updated.textContent = 'Giliran Anda tiba. Membuka halaman…';
      location.replace(next);
      return;
    }
    if (result.status === 202) {
      message.hidden = true;
      position.textContent = result.body.position;
      of.textContent = 'dari ' + result.body.waiting + ' orang yang menunggu';
      estimate.textContent = wait(result.body.estimatedWaitSeconds);
      updated.textContent = 'Diperbarui ' + new Date().toLocaleTimeString('id-ID');
      again = result.body.pollAfterSeconds || 5;
    } else {
      message.hidden = false;
      message.textContent = (result.body && result.body.message) || 'Terjadi kesalahan. Mencoba lagi…';
      again = Number(result.headers && result.headers.get('Retry-After')) || 10;
      if (again > 15) { again = 15; } // keep the place: it is freed after 20 s without a poll
    }
    setTimeout(poll, again * 1000);
  }
  poll();
})();
