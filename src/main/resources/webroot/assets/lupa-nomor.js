/* lupa-nomor.html: NIP (+ captcha) -> security question -> answer (+ captcha) -> registration number and proof. */
(function () {
  'use strict';
  var ask = document.getElementById('tanya');
  var answer = document.getElementById('jawab');
  var done = document.getElementById('hasil');
  var captchaReady = false;
  Forms.setupCaptchas(ask);
  Forms.bind(ask, {
    path: function () { return '/api/recovery/registration-number'; },
    onSuccess: function (result, body) {
      Forms.loadCaptcha(ask.querySelector('[data-captcha]'));
      document.getElementById('pertanyaan').textContent = 'Pertanyaan keamanan Anda: ' + result.body.question;
      answer.querySelector('input[name=nip]').value = body.nip;
      answer.hidden = false;
      if (!captchaReady) { Forms.setupCaptchas(answer); captchaReady = true; }
      document.getElementById('answer').focus();
    }
  });
  Forms.bind(answer, {
    path: function () { return '/api/recovery/registration-number'; },
    onSuccess: function (result) {
      ask.hidden = true;
      answer.hidden = true;
      Forms.showNumber(document.getElementById('nomor'), result.body.registrationNumber);
      document.getElementById('unduh').href = result.body.proofUrl;
      Forms.show(done);
      done.focus();
    }
  });
})();
