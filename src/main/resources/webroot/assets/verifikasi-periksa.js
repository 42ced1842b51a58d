/* Review of one submission at the caller's tier: the claim banner, per item the SAPK value and the
   correction beside the document viewer (PDF and images inline), MS / TMS / Kembalikan with common
   reasons plus free text, "Terima semua", keyboard shortcuts; after deciding, the next submission opens. */
(async function () {
  'use strict';
  var me = await Admin.me(['VERIFIER_SKPD', 'VERIFIER_BKD', 'VERIFIER_BKN'],
    'Halaman ini hanya untuk verifikator SKPD, BKD dan BKN.');
  var el = Admin.el;
  var id = new URLSearchParams(location.search).get('id');
  var banner = document.getElementById('klaim');
  var form = document.getElementById('keputusan');
  var message = document.getElementById('pesan');
  var VERDICTS = [['MS', 'MS (memenuhi syarat)'], ['TMS', 'TMS (tidak memenuhi syarat)'], ['RETURN', 'Kembalikan ke PNS']];
  var STATUS = { PENDING: 'menunggu', RETURNED: 'dikembalikan ke PNS', TMS: 'TMS', APPLIED: 'diterapkan ke SAPK', WITHDRAWN: 'ditarik' };
  var claimMine = false;
  var view = null;

  function show(v) {
    if (v === null || v === undefined || v === '') { return '—'; }
    if (typeof v === 'boolean') { return v ? 'Ya' : 'Tidak'; }
    if (typeof v === 'object') {
      if (v.nama) { return v.nama + (v.jalur ? ' (' + v.jalur + ')' : ''); }
      return Object.keys(v).filter(function (k) { return v[k] !== null && v[k] !== ''; })
        .map(function (k) { return k.replace(/_/g, ' ') + ': ' + show(v[k]); }).join('; ');
    }
    return String(v);
  }

  function time(iso) {
    return new Date(iso).toLocaleTimeString('id-ID', { hour: '2-digit', minute: '2-digit' });
  }

  function say(box, text, kind) { box.hidden = false; box.className = kind || 'alert'; box.textContent = text; }

  /* The claim: taken on opening; a colleague's live claim makes the page read-only. */
  async function claim() {
    var result = await Admin.call('POST', '/api/submissions/' + id + '/claim');
    if (result.ok) {
      claimMine = true;
      say(banner, 'Anda sedang mengerjakan pengajuan ini (sampai pukul ' + time(result.body.claim.expiresAt)
        + '). Rekan Anda tidak dapat memutuskannya selama itu.', 'ok');
      return;
    }
    claimMine = false;
    if (result.body.error === 'CLAIMED') {
      var c = result.body.claim;
      say(banner, 'Sedang dikerjakan ' + (c.nama || c.nip) + ' sampai pukul ' + time(c.expiresAt)
        + '. Anda dapat melihatnya, tetapi keputusan baru dapat disimpan setelah itu.', 'warn');
    } else {
      say(banner, result.body.message || 'Pengajuan ini tidak dapat diambil.', 'warn');
    }
  }

  /* A document shown inline: fetched with the session (the API needs the token), shown from a blob URL. */
  async function open(doc, viewer) {
    viewer.innerHTML = '';
    // The space is held before the scan arrives, so nothing below jumps while the officer reads or clicks.
    viewer.classList.add('has-doc');
    delete viewer.dataset.loaded;
    viewer.appendChild(el('p', 'muted', 'Memuat ' + doc.name + '…'));
    var token = Api.session && Api.session.token ? await Api.session.token() : sessionStorage.getItem('epupns.token');
    var response = await fetch('/api/documents/' + doc.id, { headers: { 'Authorization': 'Bearer ' + token } });
    viewer.innerHTML = '';
    if (!response.ok) { viewer.appendChild(el('p', 'alert', 'Dokumen tidak dapat dibuka.')); return; }
    var url = URL.createObjectURL(await response.blob());
    var shown = doc.contentType === 'application/pdf' ? el('iframe') : el('img');
    // Marked when shown, so that a test (and a screen reader's live region) knows the scan is there.
    shown.addEventListener('load', function () { viewer.dataset.loaded = 'true'; });
    shown.src = url;
    shown.title = doc.name;
    if (shown.tagName === 'IMG') { shown.alt = 'Pindaian ' + doc.name; }
    viewer.appendChild(shown);
    var link = el('a', null, 'Buka di tab baru');
    link.href = url;
    link.target = '_blank';
    link.rel = 'noopener';
    viewer.appendChild(link);
  }

  function itemCard(item, index) {
    var box = el('article', 'review-item');
    box.tabIndex = -1;
    box.dataset.item = item.id;
    box.appendChild(el('h3', null, (index + 1) + '. ' + item.label));
    var side = el('div', 'side');
    var left = el('div');
    var values = el('dl', 'values');
    values.appendChild(el('dt', null, 'Data SAPK'));
    values.appendChild(el('dd', null, item.action === 'ADD_ROW' ? '(baris baru)' : show(item.sapkValue)));
    values.appendChild(el('dt', null, item.action === 'REMOVE_ROW' ? 'Alasan hapus' : 'Perbaikan'));
    values.appendChild(el('dd', 'baru', show(item.correctedValue)));
    values.appendChild(el('dt', null, 'Jalur'));
    values.appendChild(el('dd', null, item.route.join(' → ') + ' (kewenangan akhir ' + item.finalAuthority + ')'));
    left.appendChild(values);
    item.decisions.forEach(function (d) {
      left.appendChild(el('p', 'decided', d.tier + (d.round > 1 ? ' (kiriman ke-' + d.round + ')' : '') + ': ' + d.verdict
        + (d.reason ? ' — ' + d.reason : '') + ' · ' + (d.decidedByName || d.decidedBy)));
    });
    var verdicts = el('div', 'verdicts');
    verdicts.setAttribute('role', 'radiogroup');
    verdicts.setAttribute('aria-label', 'Keputusan untuk ' + item.label);
    var reason = el('div', 'reason field');
    reason.hidden = true;
    VERDICTS.forEach(function (v) {
      var radio = el('input');
      radio.type = 'radio';
      radio.name = 'v-' + item.id;
      radio.value = v[0];
      radio.addEventListener('change', function () { reason.hidden = v[0] === 'MS'; });
      var label = el('label');
      label.appendChild(radio);
      label.appendChild(document.createTextNode(v[1]));
      verdicts.appendChild(label);
    });
    left.appendChild(verdicts);
    var pick = el('select');
    pick.id = 'alasan-' + item.id;
    pick.appendChild(el('option', null, 'Pilih alasan umum…')).value = '';
    (view.commonReasons || []).forEach(function (r) { pick.appendChild(el('option', null, r)).value = r; });
    var text = el('textarea');
    text.id = 'teks-' + item.id;
    text.maxLength = 500;
    text.rows = 2;
    pick.addEventListener('change', function () { if (pick.value) { text.value = pick.value; } });
    var l1 = el('label', null, 'Alasan (wajib untuk TMS dan Kembalikan)');
    l1.htmlFor = pick.id;
    reason.appendChild(l1);
    reason.appendChild(pick);
    reason.appendChild(text);
    text.setAttribute('aria-label', 'Alasan untuk ' + item.label);
    reason.appendChild(el('span', 'error', ''));
    left.appendChild(reason);
    side.appendChild(left);
    var right = el('div');
    var viewer = el('div', 'viewer');
    if (item.documents.length) {
      var docs = el('div', 'doclist');
      item.documents.forEach(function (d) {
        docs.appendChild(Admin.button(d.name + (d.kind ? ' (' + d.kind + ')' : ''), 'secondary', function () { open(d, viewer); }));
      });
      right.appendChild(docs);
      right.appendChild(viewer);
      open(item.documents[0], viewer);
    } else {
      right.appendChild(el('p', 'muted', 'Tidak ada dokumen pendukung.'));
    }
    side.appendChild(right);
    box.appendChild(side);
    return box;
  }

  function render() {
    document.getElementById('memuat').hidden = true;
    var pns = document.getElementById('pns');
    pns.hidden = false;
    pns.innerHTML = '';
    pns.appendChild(el('h2', null, view.nama));
    pns.appendChild(Admin.details([['NIP', view.nip], ['Satuan kerja', view.satuanKerja.nama], ['Instansi', view.instansi.nama],
      ['Dikirim', Admin.dateTime(view.submittedAt)], ['Status', view.status === 'COMPLETED' ? 'selesai' : 'dalam verifikasi']]));
    var pending = view.items.filter(function (i) { return i.pendingAtMyTier; });
    var others = view.items.filter(function (i) { return !i.pendingAtMyTier; });
    var waiting = document.getElementById('menunggu');
    waiting.innerHTML = '';
    pending.forEach(function (item, i) { waiting.appendChild(itemCard(item, i)); });
    form.hidden = pending.length === 0;
    document.getElementById('pintasan').hidden = pending.length === 0;
    var other = document.getElementById('data-lain');
    other.innerHTML = '';
    others.forEach(function (item) {
      other.appendChild(el('li', null, item.label + ': ' + (STATUS[item.status] || item.status)
        + (item.currentTier ? ' di ' + item.currentTier : '')));
    });
    document.getElementById('lainnya').hidden = others.length === 0;
    if (!pending.length) { say(banner, 'Tidak ada data pengajuan ini yang menunggu keputusan tingkat Anda.', 'ok'); }
    var first = waiting.querySelector('.review-item');
    if (first) { first.classList.add('current'); }
  }

  async function reload() {
    var result = await Admin.call('GET', '/api/submissions/' + id);
    if (!result.ok) {
      document.getElementById('memuat').hidden = true;
      say(banner, result.body.message || 'Pengajuan tidak dapat dibuka.', 'alert');
      return false;
    }
    view = result.body;
    render();
    return true;
  }

  /* The next submission: one the officer still holds, else the oldest nobody holds, claimed now (colleagues
     asking at the same moment each get another one); else back to the inbox. */
  async function openNext() {
    var next = await Admin.call('POST', '/api/inbox/next');
    var other = next.ok && next.body.submissionId && String(next.body.submissionId) !== String(id) ? next.body.submissionId : null;
    location.href = other ? '/verifikasi/periksa.html?id=' + other : '/verifikasi/?selesai=1';
  }

  async function decided(result) {
    if (result.ok) {
      var left = result.body.items.filter(function (i) { return i.pendingAtMyTier; }).length;
      if (left === 0) { await openNext(); return; }
      await reload();
      say(message, 'Keputusan tersimpan. ' + left + ' data masih menunggu.', 'ok');
      return;
    }
    if (result.body.fields) {
      var first = null;
      Object.keys(result.body.fields).forEach(function (k) {
        var m = /^decisions\[(\d+)\]/.exec(k);
        var slot = m && sent[Number(m[1])] && form.querySelector('[data-item="' + sent[Number(m[1])].item + '"] .error');
        if (slot) { slot.textContent = result.body.fields[k]; first = first || slot; }
      });
    }
    say(message, result.body.message || 'Keputusan tidak tersimpan.');
    message.focus();
    if (result.status === 409) { await reload(); }
  }

  var sent = [];
  form.addEventListener('submit', async function (e) {
    e.preventDefault();
    form.querySelectorAll('.error').forEach(function (s) { s.textContent = ''; });
    sent = [];
    form.querySelectorAll('.review-item').forEach(function (box) {
      var chosen = box.querySelector('input[type=radio]:checked');
      if (chosen) {
        var text = box.querySelector('textarea').value.trim();
        sent.push({ item: Number(box.dataset.item), verdict: chosen.value, reason: text || null });
      }
    });
    if (!sent.length) { say(message, 'Pilih MS, TMS atau Kembalikan untuk sedikitnya satu data.'); message.focus(); return; }
    var button = document.getElementById('simpan');
    button.disabled = true;
    var result = await Admin.call('POST', '/api/submissions/' + id + '/decisions', { decisions: sent });
    button.disabled = false;
    await decided(result);
  });
  document.getElementById('terima-semua').addEventListener('click', async function () {
    var result = await Admin.call('POST', '/api/submissions/' + id + '/accept-all');
    await decided(result);
  });
  document.getElementById('lepas').addEventListener('click', async function () {
    await Admin.call('DELETE', '/api/submissions/' + id + '/claim');
    location.href = '/verifikasi/';
  });

  /* Chromium's PDF viewer takes the focus when a scan finishes loading, which would swallow the officer's
     next key or click; give the focus back unless the officer went into the document (pointer over it, or Tab). */
  var lastFocus = null;
  var intoDocument = false;
  document.addEventListener('focusin', function (e) { if (e.target.tagName !== 'IFRAME') { lastFocus = e.target; } });
  document.addEventListener('mouseover', function (e) { intoDocument = e.target.tagName === 'IFRAME'; });
  document.addEventListener('keydown', function (e) { if (e.key === 'Tab') { intoDocument = true; setTimeout(function () { intoDocument = false; }, 300); } });
  window.addEventListener('blur', function () {
    setTimeout(function () {
      var now = document.activeElement;
      var back = lastFocus && lastFocus.isConnected ? lastFocus : document.querySelector('.review-item.current');
      if (now && now.tagName === 'IFRAME' && !intoDocument && back) { back.focus({ preventScroll: true }); }
    }, 0);
  });

  /* Keyboard: j/k move between items, m/t/r choose, s saves (not while typing a reason). */
  document.addEventListener('keydown', function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || /^(TEXTAREA|INPUT|SELECT)$/.test(e.target.tagName) && e.target.type !== 'radio') { return; }
    var items = Array.prototype.slice.call(form.querySelectorAll('.review-item'));
    if (!items.length) { return; }
    var at = Math.max(0, items.findIndex(function (b) { return b.classList.contains('current'); }));
    var key = e.key.toLowerCase();
    if (key === 'j' || key === 'k') {
      items[at].classList.remove('current');
      at = key === 'j' ? Math.min(items.length - 1, at + 1) : Math.max(0, at - 1);
      items[at].classList.add('current');
      items[at].focus();
      items[at].scrollIntoView({ block: 'nearest' });
      e.preventDefault();
    } else if (key === 'm' || key === 't' || key === 'r') {
      var value = { m: 'MS', t: 'TMS', r: 'RETURN' }[key];
      var radio = items[at].querySelector('input[value="' + value + '"]');
      radio.checked = true;
      radio.dispatchEvent(new Event('change'));
      if (value !== 'MS') { items[at].querySelector('select').focus(); }
      e.preventDefault();
    } else if (key === 's') {
      form.requestSubmit();
      e.preventDefault();
    }
  });

  if (!id) { say(banner, 'Buka pengajuan dari kotak masuk.', 'alert'); document.getElementById('memuat').hidden = true; return; }
  await claim();
  await reload();
})();
