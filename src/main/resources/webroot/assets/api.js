/* Shared by every page: the header, JSON API calls, error summaries that link to the fields,
   dates and times in the campaign's time zone. Signed-in pages add session.js. */
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
    petugas: { brand: ['/beranda-petugas.html', 'e-PUPNS Petugas'], label: 'Menu petugas', links: [['/verifikasi/', 'Kotak masuk'], ['/status.html', 'Cek status'], ['/cek-bukti.html', 'Cek tanda bukti']], out: true }
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
      out.addEventListener('click', function () { Api.signOut(); });
      header.appendChild(out);
    }
    header.appendChild(nav);
  }
  // The skip link's target takes focus, so that the next Tab starts in the content.
  var content = document.getElementById('isi');
  if (content && !content.hasAttribute('tabindex')) { content.setAttribute('tabindex', '-1'); }

  /* ---------- calls ---------- */
  async function send(method, path, body, withToken, timeoutMs, afterAdmission) {
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
    if (response.status === 403 && data && data.error === 'ADMISSION_REQUIRED' && !afterAdmission) {
      /* The waiting room: admitted at once when there is room (then the call is repeated), else
         the waiting page, which comes back here when it is this person's turn. */
      var entry = await send('POST', '/api/admission', { flow: data.flow }, false, timeoutMs, true);
      if (entry.ok && entry.body.status === 'ADMITTED') {
        return send(method, path, body, withToken, timeoutMs, true);
      }
      location.assign('/antrean.html?flow=' + encodeURIComponent(data.flow) + '&next='
        + encodeURIComponent(location.pathname + location.search));
      return new Promise(function () {}); /* the page is leaving */
    }
    return { ok: response.ok, status: response.status, body: data || {}, headers: response.headers };
  }
  /* One API call; on a signed-in page session.js adds the token and keeps it fresh. */
  function call(method, path, body) {
    return Api.session && Api.session.active() ? Api.session.call(method, path, body) : send(method, path, body, false);
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

  window.Api = {
    el: el, call: call, send: send, showErrors: showErrors, summary: summary, heading: heading, labelOf: labelOf,
    focusField: focusField, formJson: formJson, formatDate: formatDate, timeZone: timeZone, dateTime: dateTime, time: time,
    signedInPage: signedInPage, OFFLINE: OFFLINE
  };
})();
