/* Shared by every page: calls the JSON API and shows its errors next to the fields. */
(function () {
  'use strict';
  function tokenHeader() {
    var t = sessionStorage.getItem('epupns.token');
    return t ? { 'Authorization': 'Bearer ' + t } : {};
  }
  async function call(method, path, body, extraHeaders) {
    var headers = Object.assign({ 'Accept': 'application/json' }, tokenHeader(), extraHeaders || {});
    var options = { method: method, headers: headers };
    if (body instanceof FormData) {
      options.body = body;
    } else if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      options.body = JSON.stringify(body);
    }
    var response;
    try {
      response = await fetch(path, options);
    } catch (e) {
      return { ok: false, status: 0, body: { message: 'Tidak dapat terhubung ke server. Periksa koneksi Anda lalu coba lagi.' } };
    }
    var data = null;
    var type = response.headers.get('Content-Type') || '';
    if (type.indexOf('application/json') >= 0) {
      data = await response.json();
    }
    return { ok: response.ok, status: response.status, body: data || {}, headers: response.headers };
  }
  /* Clears old errors in a form, then shows a general message and each field's message. */
  function showErrors(form, messageBox, result) {
    form.querySelectorAll('.error').forEach(function (e) { e.textContent = ''; });
    form.querySelectorAll('[aria-invalid]').forEach(function (e) { e.removeAttribute('aria-invalid'); });
    if (!result) { messageBox.hidden = true; return; }
    messageBox.hidden = false;
    messageBox.className = 'alert';
    messageBox.textContent = result.body.message || 'Terjadi kesalahan.';
    var fields = result.body.fields || {};
    Object.keys(fields).forEach(function (name) {
      var input = form.querySelector('[name="' + name + '"]');
      var slot = form.querySelector('[data-error-for="' + name + '"]');
      if (input) { input.setAttribute('aria-invalid', 'true'); }
      if (slot) { slot.textContent = fields[name]; }
    });
    messageBox.focus();
  }
  function formJson(form) {
    var out = {};
    new FormData(form).forEach(function (v, k) { out[k] = typeof v === 'string' ? v.trim() : v; });
    return out;
  }
  function formatDate(iso) {
    var d = new Date(iso + 'T00:00:00');
    return d.toLocaleDateString('id-ID', { day: 'numeric', month: 'long', year: 'numeric' });
  }
  /* Ends the session: on the server (POST /api/auth/logout, so its tokens stop working at once),
     then in this tab (every epupns.* item goes), then the home page. Never waits on a failed call. */
  async function signOut() {
    var refreshToken = sessionStorage.getItem('epupns.refreshToken');
    if (refreshToken || sessionStorage.getItem('epupns.token')) {
      await call('POST', '/api/auth/logout', { refreshToken: refreshToken || undefined });
    }
    sessionStorage.clear();
    location.assign('/');
  }
  /* Every signed-in page has a "Keluar" button with id="keluar"; this script binds it. */
  var out = document.getElementById('keluar');
  if (out) { out.addEventListener('click', signOut); }
  window.Api = { call: call, showErrors: showErrors, formJson: formJson, formatDate: formatDate, signOut: signOut };
})();
