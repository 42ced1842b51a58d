/* Shared by the officer pages: who is signed in (else to the login page), small DOM helpers. */
(function () {
  'use strict';
  var ADMIN_ROLES = ['ADMIN_INSTANSI', 'ADMIN_BKN'];
  var el = Api.el;
  var never = function () { return new Promise(function () {}); };

  /* Resolves with /api/auth/me when the caller has one of the roles (default: the admin roles);
     without a session goes to the login page; any other role sees the message instead. Times
     shown afterwards are in the campaign's time zone (loaded here, before any page shows one). */
  async function me(roles, refusal) {
    var allowed = roles || ADMIN_ROLES;
    if (!sessionStorage.getItem('epupns.token') && !sessionStorage.getItem('epupns.refreshToken')) { Api.session.toLogin(); return never(); }
    var results = await Promise.all([Api.call('GET', '/api/auth/me'), Api.timeZone()]);
    var result = results[0];
    if (result.status === 401) { return never(); }
    if (!result.ok || allowed.indexOf(result.body.role) < 0) {
      var main = document.querySelector('main');
      main.textContent = '';
      main.appendChild(el('p', { class: 'alert', role: 'alert', text: result.ok ? (refusal || 'Halaman ini hanya untuk admin instansi dan admin BKN.')
        : (result.body.message || 'Halaman belum dapat dimuat. Coba lagi.') }));
      return never();
    }
    return result.body;
  }

  /* Api.call already refreshes the session and goes to login when it is over. */
  function call(method, path, body) {
    return Api.call(method, path, body);
  }

  function button(text, className, onClick) {
    var b = el('button', className, text);
    b.type = 'button';
    b.addEventListener('click', onClick);
    return b;
  }

  /* A definition list from [label, value] pairs. */
  function details(pairs) {
    var dl = el('dl');
    pairs.forEach(function (p) {
      dl.appendChild(el('dt', null, p[0]));
      dl.appendChild(el('dd', null, p[1] === null || p[1] === undefined ? '—' : String(p[1])));
    });
    return dl;
  }

  /* Shows a message in an aria-live box: ok (green) or alert (red). */
  function say(box, text, ok) {
    box.hidden = false;
    box.className = ok ? 'ok' : 'alert';
    box.textContent = text;
  }

  window.Admin = { me: me, call: call, el: el, button: button, details: details, dateTime: Api.dateTime, say: say };
})();
