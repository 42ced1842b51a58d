/* reset-sandi.html?token=: sets a new password with the mailed single-use token. */
(function () {
  'use strict';
  var form = document.getElementById('reset');
  var done = document.getElementById('hasil');
  form.querySelector('input[name=token]').value = Forms.param('token') || '';
  Forms.bind(form, {
    path: function () { return '/api/recovery/password-reset/confirm'; },
    onSuccess: function (result) {
      form.hidden = true;
      document.getElementById('pesan').textContent = result.body.message;
      Forms.show(done);
      done.focus();
    },
    onFailure: function (result) {
      if (result.status === 410) {
        var box = form.querySelector('[data-message]');
        var link = document.createElement('a');
        link.href = '/lupa-sandi.html';
        link.textContent = 'Minta tautan baru';
        box.appendChild(document.createTextNode(' '));
        box.appendChild(link);
      }
    }
  });
})();
