/* reset-sandi.html?token= (a PNS's password reset) and atur-sandi-petugas.html?token= (an appointed
   officer's first password): sets the password with the mailed single-use token. The form names its
   API (data-path) and, when there is one, where to ask for a new link (data-renew). */
(function () {
  'use strict';
  var form = document.getElementById('reset');
  var done = document.getElementById('hasil');
  form.querySelector('input[name=token]').value = Forms.param('token') || '';
  Forms.bind(form, {
    path: function () { return form.dataset.path; },
    onSuccess: function (result) {
      form.hidden = true;
      document.getElementById('pesan').textContent = result.body.message;
      Forms.show(done);
      done.focus();
    },
    onFailure: function (result) {
      if (result.status === 410 && form.dataset.renew) {
        var box = form.querySelector('[data-message]');
        var link = document.createElement('a');
        link.href = form.dataset.renew;
        link.textContent = 'Minta tautan baru';
        box.appendChild(document.createTextNode(' '));
        box.appendChild(link);
      }
    }
  });
})();
