/* status.html: registration status by NIP. */
(function () {
  'use strict';
  var TEXT = {
    NOT_REGISTERED: 'Belum terdaftar. Silakan mendaftar.',
    PENDING_APPROVAL: 'Terdaftar, menunggu persetujuan bagian kepegawaian instansi Anda. Serahkan tanda bukti registrasi.',
    APPROVED: 'Pendaftaran disetujui. Silakan masuk dan periksa data Anda.',
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
      out.innerHTML = '';
      var p = document.createElement('p');
      p.textContent = TEXT[result.body.status] || result.body.status;
      p.setAttribute('data-status', result.body.status);
      out.appendChild(p);
      if (result.body.reason) {
        var r = document.createElement('p');
        r.textContent = 'Alasan: ' + result.body.reason;
        out.appendChild(r);
      }
      if (LINK[result.body.status]) {
        var a = document.createElement('a');
        a.className = 'button';
        a.href = LINK[result.body.status][0];
        a.textContent = LINK[result.body.status][1];
        out.appendChild(a);
      }
      Forms.show(out);
      out.focus();
    },
    onFailure: function () { out.hidden = true; }
  });
  var nip = Forms.param('nip');
  if (nip) { document.getElementById('nip').value = nip; }
})();
