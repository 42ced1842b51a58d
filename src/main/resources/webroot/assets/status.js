/* status.html: registration status by NIP; what to do next follows the status the API gives. */
(function () {
  'use strict';
  var el = Api.el;
  var TEXT = {
    NOT_REGISTERED: 'Belum terdaftar. Silakan mendaftar.',
    PENDING_APPROVAL: 'Terdaftar, menunggu persetujuan bagian kepegawaian instansi Anda. Serahkan tanda bukti registrasi.',
    APPROVED: 'Terdaftar. Anda sudah dapat masuk dengan nomor registrasi dan kata sandi Anda, lalu memeriksa data Anda.',
    REJECTED: 'Pendaftaran ditolak.'
  };
  var LINK = { NOT_REGISTERED: ['/daftar.html', 'Daftar'], APPROVED: ['/masuk.html', 'Masuk'], REJECTED: ['/daftar.html', 'Daftar ulang'] };
  var out = document.getElementById('hasil');
  var form = document.getElementById('status');
  Forms.setupCaptchas(form);
  Forms.bind(form, {
    method: 'GET',
    path: function (body) {
      return '/api/registrations/status?nip=' + encodeURIComponent(body.nip) + '&captchaId='
        + encodeURIComponent(body.captchaId) + '&captchaAnswer=' + encodeURIComponent(body.captchaAnswer);
    },
    onSuccess: function (result) {
      Forms.loadCaptcha(form.querySelector('[data-captcha]'));
      var status = result.body.status;
      out.textContent = '';
      out.appendChild(el('p', { 'data-status': status, text: TEXT[status] || status }));
      if (result.body.reason) { out.appendChild(el('p', { text: 'Alasan: ' + result.body.reason })); }
      if (LINK[status]) { out.appendChild(el('a', { class: 'button', href: LINK[status][0], text: LINK[status][1] })); }
      Forms.show(out);
      out.focus();
    },
    onFailure: function () { out.hidden = true; }
  });
  var nip = Forms.param('nip');
  if (nip) { document.getElementById('nip').value = nip; }
})();
