/* The one set-password form of a mailed single-use link: reset-sandi.html?token= (a PNS's password
   reset) and atur-sandi-petugas.html?token= (an appointed officer's first password). Each page has
   its own title and words, and an empty <form id="reset"> that names its API (data-path), the label
   of the password (data-label) and, when there is one, where to ask for a new link (data-renew);
   this script draws the form and the result once for both. */
(function () {
  'use strict';
  var el = Api.el;
  var form = document.getElementById('reset');
  var label = form.dataset.label;

  function field(id, text, attrs, hint) {
    var input = el('input', Object.assign({ id: id, name: id, type: 'password', autocomplete: 'new-password',
      maxlength: '128', required: true }, attrs));
    return el('div', { class: 'field' }, [
      el('label', { for: id, text: text }),
      input,
      hint ? el('span', { class: 'hint', text: hint }) : null,
      el('span', { class: 'error', 'data-error-for': id })]);
  }

  form.appendChild(el('input', { type: 'hidden', name: 'token' }));
  form.appendChild(el('span', { class: 'error', 'data-error-for': 'token' }));
  form.appendChild(field('password', label, { minlength: '8' },
    '8 s.d. 128 karakter; jangan memakai NIP atau kata sandi yang umum.'));
  form.appendChild(field('passwordConfirmation', 'Ulangi ' + label.toLowerCase()));
  form.appendChild(el('div', { 'data-message': true, class: 'alert', hidden: true, tabindex: '-1', role: 'alert' }));
  form.appendChild(el('button', { type: 'submit', text: 'Simpan kata sandi' }));
  var done = el('section', { id: 'hasil', class: 'ok', hidden: true, tabindex: '-1', 'aria-live': 'polite' }, [
    el('p', { id: 'pesan' }),
    el('a', { class: 'button', href: '/masuk.html', text: 'Masuk' })]);
  form.after(done);

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
