/* Shared by the officer pages: who is signed in (else to the login page), small DOM helpers, the lists' pager. */
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

  /* Autocomplete by name (no page asks for an internal id): the text input offers the names that
     url(q) answers ({items: [{id, nama}]}) in a datalist; the chosen row's id goes to the hidden
     input, and the mark beside it says a name was chosen. onChange(id) after every change. */
  function pick(input, hidden, url, onChange) {
    var list = input.list || el('datalist', { id: input.id + '-pilihan' });
    var mark = el('span', { class: 'hint', 'aria-live': 'polite' });
    input.setAttribute('list', list.id);
    input.setAttribute('autocomplete', 'off');
    if (!list.parentNode) { input.parentNode.insertBefore(list, input.nextSibling); }
    input.parentNode.insertBefore(mark, list.nextSibling);
    var byName = {};
    var timer = null;
    function settle() {
      var id = byName[input.value.trim()] || '';
      if (hidden.value !== id) {
        hidden.value = id;
        if (onChange) { onChange(id); }
      }
      mark.textContent = id ? '✓ Dipilih: ' + input.value.trim() : (input.value.trim() ? 'Pilih salah satu nama dari daftar.' : '');
      mark.dataset.chosen = id ? 'true' : 'false';
    }
    async function load() {
      var path = url(input.value.trim());
      if (!path) { return; }
      var result = await Api.call('GET', path);
      if (!result.ok) { mark.textContent = result.body.message || 'Daftar tidak dapat dimuat.'; return; }
      list.innerHTML = '';
      result.body.items.forEach(function (item) {
        byName[item.nama] = String(item.id);
        list.appendChild(el('option', { value: item.nama }));
      });
      settle();
    }
    input.addEventListener('input', function () {
      settle();
      clearTimeout(timer);
      if (!hidden.value) { timer = setTimeout(load, 250); }
    });
    input.addEventListener('focus', function () { if (!list.children.length) { load(); } });
    return {
      clear: function () { input.value = ''; byName = {}; list.innerHTML = ''; settle(); },
      set: function (id, nama) { byName[nama] = String(id); input.value = nama; settle(); }
    };
  }

  /* The admin lists' pager, drawn into the page's empty <nav class="pager" aria-label="Halaman">:
     "‹ Sebelumnya", "Halaman n dari m", "Berikutnya ›"; a step changes page (1-based) and calls load().
     show(total, size) after each answer; pastEnd(items) steps back (true) when a page emptied since. */
  function pager(load) {
    var where = el('span', { id: 'halaman' });
    var p = { page: 1 };
    var previous = button('‹ Sebelumnya', 'secondary', function () { p.page--; load(); });
    var next = button('Berikutnya ›', 'secondary', function () { p.page++; load(); });
    previous.id = 'sebelumnya';
    next.id = 'berikutnya';
    document.querySelector('nav.pager').append(previous, where, next);
    p.show = function (total, size) {
      var pages = Math.max(1, Math.ceil(total / size));
      where.textContent = 'Halaman ' + p.page + ' dari ' + pages;
      previous.disabled = p.page <= 1;
      next.disabled = p.page >= pages;
    };
    p.pastEnd = function (items) {
      if (items.length > 0 || p.page <= 1) { return false; }
      p.page--;
      return true;
    };
    return p;
  }

  window.Admin = { me: me, call: call, el: el, button: button, details: details, dateTime: Api.dateTime, say: say, pick: pick,
    pager: pager };
})();
