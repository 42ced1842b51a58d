/* Submit review: what is still missing (with links to the fields), then Kirim. */
(async function () {
  'use strict';
  var out = document.getElementById('hasil');
  var ready = document.getElementById('siap');
  var message = document.getElementById('pesan');
  var result = await Api.call('GET', '/api/me/form/check');
  if (result.status === 401) { location.href = '/masuk.html?kembali=/kirim.html'; return; }
  out.innerHTML = '';
  if (!result.ok) { out.appendChild(Object.assign(document.createElement('p'), { className: 'alert', textContent: result.body.message || 'Gagal memeriksa formulir.' })); return; }
  var check = result.body;
  var again = check.state === 'SUBMITTED' && check.returned > 0;
  if (check.state === 'SUBMITTED' && !again) {
    out.innerHTML = '<p class="ok">Formulir Anda sudah dikirim. <a href="/progres.html">Lihat progres verifikasi</a>.</p>';
    return;
  }
  if (!check.complete) {
    var intro = document.createElement('p');
    intro.className = 'warn';
    intro.textContent = 'Formulir belum lengkap: ' + check.missing.length + ' hal perlu diselesaikan sebelum dapat dikirim.';
    out.appendChild(intro);
    var list = document.createElement('ul');
    list.className = 'missing';
    check.missing.forEach(function (m) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = '/formulir.html#' + (m.row ? 'r-' + m.section + '-' + m.row : 'f-' + m.section + '-' + m.field);
      a.textContent = m.problem;
      li.appendChild(a);
      list.appendChild(li);
    });
    out.appendChild(list);
    return;
  }
  ready.hidden = false;
  if (again) {
    document.getElementById('ringkasan').textContent = check.returned + ' data dikembalikan verifikator. Setelah Anda '
      + 'memperbaikinya di halaman Formulir, kirim kembali: data itu diverifikasi lagi mulai dari tingkat SKPD.';
    document.getElementById('kirim').textContent = 'Kirim kembali';
    if (!check.verificationOpen) { message.hidden = false; message.textContent = 'Masa verifikasi sedang ditutup.'; }
  } else document.getElementById('ringkasan').textContent = check.changes === 0
    ? 'Semua data sudah Anda periksa dan tandai benar. Tidak ada perbaikan yang perlu diverifikasi.'
    : 'Formulir lengkap. ' + check.changes + ' perbaikan akan dikirim untuk diverifikasi.';
  if (!again && !check.formOpen) { message.hidden = false; message.textContent = 'Masa pengisian formulir sedang ditutup.'; }
  var button = document.getElementById('kirim');
  button.addEventListener('click', async function () {
    button.disabled = true;
    var sent = await Api.call('POST', '/api/me/form/submit', {});
    button.disabled = false;
    if (sent.ok) { location.href = '/progres.html?terkirim=1'; return; }
    message.hidden = false;
    message.textContent = sent.body.message || 'Pengiriman gagal.';
    message.focus();
  });
})();
