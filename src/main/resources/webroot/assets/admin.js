/* Shared by the admin pages: who is signed in (else to the login page), small DOM helpers. */
(function () {
  'use strict';
  var ADMIN_ROLES = ['ADMIN_INSTANSI', 'ADMIN_BKN'];

  function toLogin() {
    location.href = '/masuk.html?kembali=' + encodeURIComponent(location.pathname + location.search);
  }

  /* Resolves with /api/auth/me when the caller has one of the roles (default: the admin roles);
     without a session goes to the login page; any other role sees the message instead. */
  async function me(roles, refusal) {
    var allowed = roles || ADMIN_ROLES;
    if (!sessionStorage.getItem('epupns.token')) { toLogin(); return new Promise(function () {}); }
    var result = await Api.call('GET', '/api/auth/me');
    if (result.status === 401) { toLogin(); return new Promise(function () {}); }
    if (!result.ok || allowed.indexOf(result.body.role) < 0) {
      var main = document.querySelector('main');
      main.innerHTML = '';
      var p = el('p', 'alert', refusal || 'Halaman ini hanya untuk admin instansi dan admin BKN.');
      p.setAttribute('role', 'alert');
      main.appendChild(p);
      return new Promise(function () {});
    }
    return result.body;
  }

  /* Any API answer of 401 means the session ended: back to the login page. */
  async function call(method, path, body) {
    var result = await Api.call(method, path, body);
    if (result.status === 401) { toLogin(); }
    return result;
  }

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) { e.className = className; }
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
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

  function dateTime(iso) {
    if (!iso) { return '—'; }
    return new Date(iso).toLocaleString('id-ID', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
  }

  /* Shows a message in an aria-live box: ok (green) or alert (red). */
  function say(box, text, ok) {
    box.hidden = false;
    box.className = ok ? 'ok' : 'alert';
    box.textContent = text;
  }

  window.Admin = { me: me, call: call, el: el, button: button, details: details, dateTime: dateTime, say: say };
})();
