/* Signed-in pages and the login page: the session (tokens kept fresh, refresh tokens replaced on
   every use, one retry on 401, login again when the session is over), unsaved edits kept in this
   browser, Keluar, and the ?kembali= check after login. Loaded after api.js. */
(function () {
  'use strict';
  var S = sessionStorage;
  var send = Api.send;
  var signedInPage = Api.signedInPage;
  var OFFLINE = { ok: false, status: 0, body: { message: Api.OFFLINE }, headers: new Headers() };

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


  /* One API call of a signed-in page: it carries the token, refreshes it first when it is about to
     lapse, and on 401 refreshes and retries once; when the session is over it goes to login. */
  async function call(method, path, body) {
    if (dueIn() <= 0) { await refresh(); }
    var sent = S.getItem('epupns.token');
    var result = await send(method, path, body, true);
    if (result.status !== 401) { return result; }
    var outcome = await refresh(sent);
    if (outcome === 'ok') {
      result = await send(method, path, body, true);
      if (result.status !== 401) { return result; }
      outcome = 'ended';
    }
    if (outcome === 'offline') { return OFFLINE; }
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

  if (signedInPage) {
    if (!S.getItem('epupns.token') && !S.getItem('epupns.refreshToken')) { toLogin(); } else { schedule(); }
  }

  Object.assign(Api, { signOut: signOut, safeReturnPath: safeReturnPath, drafts: drafts, account: account });
  Api.session = {
    active: function () { return signedInPage && !!(S.getItem('epupns.token') || S.getItem('epupns.refreshToken')); },
    call: call, keep: keep, token: token, refresh: refresh, ended: ended, toLogin: toLogin,
    setPlace: function (fn) { place = fn; }
  };
})();
