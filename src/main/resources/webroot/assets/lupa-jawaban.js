/* lupa-jawaban.html: NIP + mother's maiden name -> the security answer. */
(function () {
  'use strict';
  var form = document.getElementById('lupa');
  var done = document.getElementById('hasil');
  Forms.setupCaptchas(form);
  Forms.bind(form, {
    path: function () { return '/api/recovery/security-answer'; },
    onSuccess: function (result) {
      form.hidden = true;
      document.getElementById('pertanyaan').textContent = result.body.question;
      document.getElementById('jawaban').textContent = result.body.answer;
      Forms.show(done);
      done.focus();
    }
  });
})();
