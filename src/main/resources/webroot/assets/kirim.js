/* Submit review: what is still missing (with links to the fields), then Kirim. */
(async function () {
  'use strict';
  var el = Api.el;
  var out = document.getElementById('hasil');
  var ready = document.getElementById('siap');
  var message = document.getElementById('pesan');
  var result = await Api.call('GET', '/api/me/form/check');
  if (result.status === 401) { return; }
  out.textContent = '';
  if (!result.ok) { out.appendChild(el('p', 'alert', result.body.message || 'Gagal memeriksa formulir.')); return; }
  var check = result.body;
  var again = check.state === 'SUBMITTED' && check.returned > 0;
  if (check.state === 'SUBMITTED' && !again) {
    out.appendChild(el('p', 'ok', ['Formulir Anda sudah dikirim. ', el('a', { href: '/progres.html', text: 'Lihat progres verifikasi' }), '.']));
    return;
  }
  if (!check.complete) {
    out.appendChild(el('p', 'warn', 'Formulir belum lengkap: ' + check.missing.length + ' hal perlu diselesaikan sebelum dapat dikirim.'));
    out.appendChild(el('ul', 'missing', check.missing.map(function (m) {
      var href = '/formulir.html#' + (m.row ? 'r-' + m.section + '-' + m.row : 'f-' + m.section + '-' + m.field);
      return el('li', {}, [el('a', { href: href, text: m.problem })]);
    })));
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
    if (sent.status === 401) { return; }
    message.hidden = false;
    message.textContent = sent.body.message || 'Pengiriman gagal.';
    message.focus();
  });
})();
