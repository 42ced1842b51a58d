/* lupa-sandi.html: asks for a password-reset link by email. */
(function () {
  'use strict';
  var form = document.getElementById('lupa');
  var done = document.getElementById('hasil');
  Forms.setupCaptchas(form);
  Forms.bind(form, {
    path: function () { return '/api/recovery/password-reset'; },
    onSuccess: function (result) {
      form.hidden = true;
      Forms.show(done, result.body.message);
      done.focus();
    }
  });
})();
