/* Shared by every page: the header, the session (tokens kept fresh, one retry on 401), JSON API
   calls, error summaries that link to the fields, dates and times in the campaign's time zone. */
(function () {
  'use strict';
  var S = sessionStorage;
  var OFFLINE = 'Tidak dapat terhubung ke server. Periksa koneksi Anda lalu coba lagi.';

  /* The one DOM helper: el('p', {class: 'x', text: 'y'}, [children]) or el('p', 'x', 'y'). */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (typeof attrs === 'string' || !attrs) { attrs = { class: attrs || null }; }
    if (typeof children === 'string' || typeof children === 'number') { attrs.text = String(children); children = []; }
    Object.keys(attrs || {}).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) { return; }
      if (k === 'text') { node.textContent = v; } else if (k === 'hidden') { node.hidden = true; } else { node.setAttribute(k, v === true ? '' : v); }
    });
    (children || []).forEach(function (c) { if (c) { node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); } });
    return node;
  }

  /* ---------- the header: one definition of every menu ---------- */
  var MENUS = {
    public: { brand: ['/', 'e-PUPNS'], label: 'Menu utama', links: [['/daftar.html', 'Daftar'], ['/status.html', 'Cek status'], ['/masuk.html', 'Masuk']] },
    pns: { brand: ['/', 'e-PUPNS'], label: 'Menu PNS', links: [['/formulir.html', 'Formulir'], ['/kirim.html', 'Kirim'], ['/progres.html', 'Progres']], out: true },
    admin: { brand: ['/admin/', 'e-PUPNS Admin'], label: 'Menu admin', links: [['/admin/pendaftaran.html', 'Pendaftaran'], ['/admin/petugas.html', 'Petugas'], ['/admin/pengaduan.html', 'Pengaduan']], out: true },
    petugas: { brand: ['/beranda-petugas.html', 'e-PUPNS Petugas'], label: 'Menu petugas', links: [['/status.html', 'Cek status'], ['/cek-bukti.html', 'Cek tanda bukti']], out: true }
  };
  var header = document.querySelector('header[data-nav]');
  var area = header ? header.getAttribute('data-nav') : 'public';
  var menu = MENUS[area] || MENUS.public;
  var signedInPage = !!menu.out;
  if (header) {
    header.className = 'top';
    header.appendChild(el('a', { class: 'skip', href: '#isi', text: 'Langsung ke isi' }));
    header.appendChild(el('a', { class: 'brand', href: menu.brand[0], text: menu.brand[1] }));
    var nav = el('nav', { 'aria-label': menu.label });
    menu.links.forEach(function (l) {
      nav.appendChild(el('a', { href: l[0], text: l[1], 'aria-current': location.pathname === l[0] ? 'page' : null }));
    });
    if (menu.out) {
      var out = el('button', { type: 'button', id: 'keluar', class: 'secondary', text: 'Keluar' });
      out.addEventListener('click', function () { signOut(); });
      header.appendChild(out);
    }
    header.appendChild(nav);
  }
  // The skip link's target takes focus, so that the next Tab starts in the content.
  var content = document.getElementById('isi');
  if (content && !content.hasAttribute('tabindex')) { content.setAttribute('tabindex', '-1'); }

  /* ---------- the session ---------- */
  function claims(token) {
    try {
      return JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    } catch (e) { return {}; }
  }
  /* The signed-in account (the token's subject), for keeping unsaved edits per account. */
  function account() {
    var t = S.getItem('epupns.token') || S.getItem('epupns.refreshToken');
    return t ? String(claims(t).sub || '') : '';
  }
  var timer = null;
  var channel = window.BroadcastChannel ? new BroadcastChannel('epupns.session') : null;
  /* Keeps a login or refresh answer. The refresh token is replaced every time: a used one is dead. */
  function keep(body) {
    S.setItem('epupns.token', body.token);
    if (body.refreshToken) { S.setItem('epupns.refreshToken', body.refreshToken); }
    if (body.role) { S.setItem('epupns.role', body.role); }
    S.setItem('epupns.expiresAt', String(Date.now() + (body.expiresIn || 0) * 1000));
    S.setItem('epupns.lifetime', String((body.expiresIn || 0) * 1000));
    schedule();
  }
  /* Refreshes when a quarter of the token's life is left (timers sleep in background tabs, so
     every call and every return to the tab checks too). */
  function dueIn() {
    var at = Number(S.getItem('epupns.expiresAt')) || 0;
    var life = Number(S.getItem('epupns.lifetime')) || 0;
    return at && life ? at - life / 4 - Date.now() : Infinity;
  }
  function schedule() {
    clearTimeout(timer);
    var wait = dueIn();
    if (!signedInPage || !S.getItem('epupns.refreshToken') || wait === Infinity) { return; }
    timer = setTimeout(function () {
      refresh().then(function (outcome) {
        if (outcome === 'ended') { ended(); } else if (outcome === 'offline') { timer = setTimeout(schedule, 5000); }
      });
    }, Math.max(0, wait));
  }
  /* Another tab of the same session (a duplicated tab shares its tokens) refreshed: take its pair. */
  if (channel) {
    channel.onmessage = function (e) {
      var m = e.data || {};
      if (m.type === 'rotated' && m.old && m.old === S.getItem('epupns.refreshToken')) { keep(m.pair); }
    };
  }
  /* Replaces the access token `stale` (default: the current one) once, whichever tab or call asks:
     'ok', 'offline' (try later, keep everything) or 'ended' (the session is over). */
  var inflight = null;
  function refresh(stale) {
    if (stale === undefined) { stale = S.getItem('epupns.token'); }
    if (!inflight) {
      var run = function () { return rotate(stale); };
      inflight = (navigator.locks ? navigator.locks.request('epupns.refresh', run) : run())
        .finally(function () { inflight = null; });
    }
    return inflight;
  }
  async function rotate(stale) {
    // A tab that waited for another tab's refresh lets that tab's message arrive first.
    if (channel) { await new Promise(function (r) { setTimeout(r, 30); }); }
    if (S.getItem('epupns.token') && S.getItem('epupns.token') !== stale) { return 'ok'; }
    var old = S.getItem('epupns.refreshToken');
    if (!old) { return 'ended'; }
    var r = await send('POST', '/api/auth/refresh', { refreshToken: old }, false);
    if (r.ok) {
      keep(r.body);
      if (channel) { channel.postMessage({ type: 'rotated', old: old, pair: r.body }); }
      return 'ok';
    }
    return r.status === 0 || r.status === 429 || r.status >= 500 ? 'offline' : 'ended';
  }
  /* Where the PNS is on the page, so that login brings them back there; pages may tell it better. */
  var place = function () { return location.hash; };
  function backPath() { return location.pathname + location.search.replace(/[?&]sesi=[^&]*/, '') + (place() || ''); }
  function toLogin(reason) {
    var target = '/masuk.html?kembali=' + encodeURIComponent(backPath()) + (reason ? '&sesi=' + reason : '');
    location.assign(target);
  }
  var ending = false;
  /* The whole session is over (refresh token expired or revoked): tokens go, unsaved edits stay. */
  function ended() {
    if (ending) { return; }
    ending = true;
    ['epupns.token', 'epupns.refreshToken', 'epupns.expiresAt', 'epupns.lifetime', 'epupns.role'].forEach(function (k) { S.removeItem(k); });
    toLogin('berakhir');
  }
  document.addEventListener('visibilitychange', function () { if (!document.hidden) { schedule(); } });

  /* ---------- calls ---------- */
  async function send(method, path, body, withToken, timeoutMs) {
    var headers = { 'Accept': 'application/json' };
    var token = S.getItem('epupns.token');
    if (withToken && token) { headers.Authorization = 'Bearer ' + token; }
    var options = { method: method, headers: headers };
    if (body instanceof FormData) {
      options.body = body;
    } else if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      options.body = JSON.stringify(body);
    }
    if (timeoutMs && window.AbortController) {
      var abort = new AbortController();
      setTimeout(function () { abort.abort(); }, timeoutMs);
      options.signal = abort.signal;
    }
    var response;
    try {
      response = await fetch(path, options);
    } catch (e) {
      return { ok: false, status: 0, body: { message: OFFLINE }, headers: new Headers() };
    }
    var data = null;
    if ((response.headers.get('Content-Type') || '').indexOf('application/json') >= 0) {
      try { data = await response.json(); } catch (e) { data = null; }
    }
    return { ok: response.ok, status: response.status, body: data || {}, headers: response.headers };
  }
  /* One API call. On a signed-in page it carries the token, refreshes it first when it is about to
     lapse, and on 401 refreshes and retries once; when the session is over it goes to login. */
  async function call(method, path, body) {
    var auth = signedInPage && !!(S.getItem('epupns.token') || S.getItem('epupns.refreshToken'));
    if (auth && dueIn() <= 0) { await refresh(); }
    var sent = S.getItem('epupns.token');
    var result = await send(method, path, body, auth);
    if (result.status !== 401 || !auth) { return result; }
    var outcome = await refresh(sent);
    if (outcome === 'ok') {
      result = await send(method, path, body, true);
      if (result.status !== 401) { return result; }
      outcome = 'ended';
    }
    if (outcome === 'offline') { return { ok: false, status: 0, body: { message: OFFLINE }, headers: new Headers() }; }
    ended();
    return result;
  }
  /* A valid access token for requests the page sends itself (uploads with progress). */
  async function token() {
    if (dueIn() <= 0) { await refresh(); }
    return S.getItem('epupns.token');
  }

  /* ---------- unsaved edits, kept in this browser per account and section ---------- */
  var DRAFT = 'epupns.draft.';
  var drafts = {
    key: function (section) { return DRAFT + account() + '.' + section; },
    get: function (section) {
      try { return JSON.parse(localStorage.getItem(drafts.key(section))); } catch (e) { return null; }
    },
    put: function (section, value) {
      try { localStorage.setItem(drafts.key(section), JSON.stringify(value)); } catch (e) { /* storage full: the page still works */ }
    },
    drop: function (section) { localStorage.removeItem(drafts.key(section)); },
    /* The sections of this account with unsaved edits (or of any account when none is signed in). */
    sections: function () {
      var prefix = DRAFT + (account() ? account() + '.' : '');
      var out = [];
      for (var i = 0; i < localStorage.length; i++) {
        var k = localStorage.key(i);
        if (k && k.indexOf(prefix) === 0) { out.push(k.slice(k.lastIndexOf('.') + 1)); }
      }
      return out;
    },
    clear: function () { drafts.sections().forEach(drafts.drop); }
  };

  /* Ends the session: the server forgets the refresh token, then this tab forgets everything. */
  async function signOut() {
    if (drafts.sections().length
        && !window.confirm('Ada isian formulir yang belum disimpan. Keluar dan hapus isian itu dari perangkat ini?')) {
      return;
    }
    drafts.clear();
    var refreshToken = S.getItem('epupns.refreshToken');
    if (refreshToken) {
      // Whatever it answers (also 404 or no connection), the session ends here.
      await send('POST', '/api/auth/logout', { refreshToken: refreshToken }, true, 5000);
    }
    S.clear();
    location.assign('/');
  }

  /* ?kembali= after login: only a path of this site, checked after the browser's own URL parsing
     (control characters, backslashes and //host are refused: browsers strip or reinterpret them). */
  function safeReturnPath(value) {
    if (typeof value !== 'string' || !value || value.length > 2000) { return null; }
    if (/[\u0000-\u0020\u007f\\]/.test(value) || value.charAt(0) !== '/' || value.charAt(1) === '/') { return null; }
    var url;
    try { url = new URL(value, location.origin); } catch (e) { return null; }
    if (url.origin !== location.origin || url.pathname.charAt(0) !== '/' || url.pathname.charAt(1) === '/') { return null; }
    return url.pathname + url.search + url.hash;
  }

  /* ---------- errors: next to each field once; the alert summarises and links ---------- */
  function labelOf(node) {
    var target = node.getAttribute('data-label') ? node : node.closest('[data-label]');
    if (target) { return target.getAttribute('data-label'); }
    var group = node.closest('fieldset');
    if (node.type === 'radio' || node.type === 'checkbox') { node = group || node; }
    if (node.labels && node.labels.length) { return node.labels[0].textContent.trim(); }
    var legend = group && group.querySelector('legend');
    return legend ? legend.textContent.trim() : (node.getAttribute('aria-label') || node.name || '');
  }
  function focusField(node) {
    var panel = node.closest('[role=tabpanel]');
    if (panel && panel.hidden) { var tab = document.getElementById(panel.getAttribute('aria-labelledby')); if (tab) { tab.click(); } }
    node.scrollIntoView({ block: 'center' });
    node.focus();
  }
  /* Fills an alert box: a heading, then one link per field in error that scrolls to and focuses it.
     items: [{label, target}]; returns the first target (or null). */
  function summary(box, heading, items) {
    box.hidden = false;
    box.textContent = '';
    box.appendChild(el('p', { class: 'summary-title', text: heading }));
    // In page order, whatever order the API named them in.
    items.sort(function (a, b) { return a.target.compareDocumentPosition(b.target) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1; });
    if (items.length) {
      var list = el('ul');
      items.forEach(function (item) {
        var a = el('a', { href: '#' + (item.target.id || ''), text: item.label });
        a.addEventListener('click', function (e) { e.preventDefault(); focusField(item.target); });
        list.appendChild(el('li', {}, [a]));
      });
      box.appendChild(list);
    }
    return items.length ? items[0].target : null;
  }
  /* The heading of a summary: the API's message unless it only repeats a field's own message. */
  function heading(result, fields) {
    var message = result.body.message || 'Terjadi kesalahan.';
    var repeats = Object.keys(fields).some(function (k) { return fields[k] === message; });
    return repeats || (Object.keys(fields).length && /^Periksa kembali isian/.test(message)) ? 'Periksa isian berikut:' : message;
  }
  /* Clears old errors in a form, then shows each field's message beside it and a summary. */
  function showErrors(form, box, result) {
    form.querySelectorAll('.error').forEach(function (e) { e.textContent = ''; });
    form.querySelectorAll('[aria-invalid]').forEach(function (e) { e.removeAttribute('aria-invalid'); });
    if (!result) { box.hidden = true; return; }
    box.className = 'alert';
    var fields = result.body.fields || {};
    var items = [];
    var unplaced = [];
    Object.keys(fields).forEach(function (name) {
      var input = form.querySelector('[data-focus-for="' + name + '"]') || form.querySelector('[name="' + name + '"]:not([type=hidden])');
      var slot = form.querySelector('[data-error-for="' + name + '"]');
      if (slot && input) {
        slot.textContent = fields[name];
        input.setAttribute('aria-invalid', 'true');
        // Read with the field when it gets focus.
        if (!slot.id) { slot.id = (form.id || 'form') + '-' + name + '-error'; }
        var described = (input.getAttribute('aria-describedby') || '').split(' ');
        if (described.indexOf(slot.id) < 0) { input.setAttribute('aria-describedby', described.concat([slot.id]).join(' ').trim()); }
        items.push({ label: labelOf(input), target: input });
      } else {
        unplaced.push(fields[name]);
      }
    });
    var title = heading(result, fields);
    if (unplaced.length) { title = (items.length ? title + ' ' : '') + unplaced.join(' '); }
    var first = summary(box, items.length || unplaced.length ? title : (result.body.message || 'Terjadi kesalahan.'), items);
    (first || box).focus();
  }
  function formJson(form) {
    var out = {};
    new FormData(form).forEach(function (v, k) { out[k] = typeof v === 'string' ? v.trim() : v; });
    return out;
  }

  /* ---------- dates and times ---------- */
  function formatDate(iso) {
    if (!iso) { return '—'; }
    var d = new Date(String(iso).slice(0, 10) + 'T00:00:00');
    return isNaN(d) ? String(iso) : d.toLocaleDateString('id-ID', { day: 'numeric', month: 'long', year: 'numeric' });
  }
  /* The campaign's time zone from GET /api/schedule (kept for the tab), so that every time on every
     page reads the same, with its label: "16 Maret 2026 16.03 WIB". */
  var zone = null;
  try { zone = JSON.parse(S.getItem('epupns.timeZone')); } catch (e) { zone = null; }
  var zoneLoad = null;
  function timeZone() {
    if (zone) { return Promise.resolve(zone); }
    if (!zoneLoad) {
      zoneLoad = send('GET', '/api/schedule').then(function (r) {
        zone = r.ok && r.body.timeZone ? r.body.timeZone : { id: undefined, label: '' };
        if (r.ok) { S.setItem('epupns.timeZone', JSON.stringify(zone)); }
        return zone;
      });
    }
    return zoneLoad;
  }
  function stamp(iso, options) {
    if (!iso) { return '—'; }
    var z = zone || { id: undefined, label: '' };
    var text = new Date(iso).toLocaleString('id-ID', Object.assign({ timeZone: z.id, hour: '2-digit', minute: '2-digit' }, options));
    return text.replace(' pukul ', ' ') + (z.label ? ' ' + z.label : '');
  }
  function dateTime(iso) { return stamp(iso, { day: 'numeric', month: 'long', year: 'numeric' }); }
  function time(iso) { return stamp(iso || new Date().toISOString(), {}); }

  if (signedInPage) {
    if (!S.getItem('epupns.token') && !S.getItem('epupns.refreshToken')) { toLogin(); } else { schedule(); }
  }

  window.Api = {
    el: el, call: call, showErrors: showErrors, summary: summary, heading: heading, labelOf: labelOf, focusField: focusField,
    formJson: formJson, formatDate: formatDate, timeZone: timeZone, dateTime: dateTime, time: time,
    signOut: signOut, safeReturnPath: safeReturnPath, drafts: drafts, account: account,
    session: {
      keep: keep, token: token, refresh: refresh, ended: ended, toLogin: toLogin,
      setPlace: function (fn) { place = fn; }
    }
  };
})();
