/* The PUPNS form: rendered from the field catalogue (GET /api/form/catalogue) and the PNS's form
   (GET /api/me/form); each section saved with its version (PUT /api/me/form/{section}). Edits not
   yet saved are kept in this browser per account and section (Api.drafts) until the server has
   them, so an ended session, a closed tab or a lost connection loses nothing. */
(function () {
  'use strict';
  var el = Api.el, display = FormView.display, refLabel = FormView.refLabel;
  var catalogue, form, documents = [], kinds = {};
  var sections = {};   /* section id -> the section as rendered */
  var edits = {};      /* section id -> edits counted since load, to tell edits made while saving */
  var newRows = 0;
  var statusBox = document.getElementById('status');
  /* Reference tables: their autocomplete path and, for rows of a parent, the parent's query parameter. */
  var REF = { sekolah: { path: 'sekolah' }, unit_kesehatan: { path: 'unit-kesehatan' }, spesialis: { path: 'spesialis' },
    instansi: { path: 'instansi' }, satuan_kerja: { path: 'satuan-kerja', parent: 'instansiId' },
    unit_organisasi: { path: 'unit-organisasi', parent: 'satuanKerjaId' } };
  var TIER_TEXT = { PENDING: 'menunggu', MS: 'MS', TMS: 'TMS', RETURN: 'dikembalikan', NOT_REQUIRED: 'tidak perlu' };
  var MARKS = [['CORRECT', '✓ Benar'], ['WRONG', '✗ Salah']];

  function say(text, bad) { statusBox.textContent = text; statusBox.className = 'status' + (bad ? ' alert' : ''); }
  /* A submitted form is locked, except while building a section where a verifier returned items: those
     items (and the section's save) stay editable, to be sent again (everything else is disabled after). */
  var building = null;
  function locked() { return form.state === 'SUBMITTED' && !(building && returnedIn(building).length); }
  /* The keys (field names, or row refs of a history section) a verifier returned in this section. */
  function returnedIn(section) {
    return (form.returned || []).filter(function (r) { return r.section === section.id; })
      .map(function (r) { return section.kind === 'rows' ? r.row : r.field; });
  }
  function returnedNote(returned) {
    return el('p', { class: 'alert returned', text: 'Dikembalikan oleh verifikator ' + returned.tier + ': ' + returned.reason
      + ' Perbaiki, simpan, lalu kirim kembali dari halaman Kirim.' });
  }

  /* Where the PNS was working: the login page brings them back there when the session ends. */
  var lastPlace = null;
  document.getElementById('panels').addEventListener('focusin', function (e) {
    var at = e.target.closest('.item') || e.target.closest('.section-form');
    var before = lastPlace && document.getElementById(lastPlace);
    // The save button keeps the field last worked on in its section.
    if (at && at.classList.contains('section-form') && before && at.contains(before)) { return; }
    if (at && at.id) { lastPlace = at.id; }
  });
  Api.session.setPlace(function () { return lastPlace ? '#' + lastPlace : location.hash; });

  function idOf(value) { return value && typeof value === 'object' ? value.id : value; }

  /* ---------- inputs rendered from the catalogue ---------- */
  function input(def, id, value, section) {
    var common = { id: id, 'data-field': def.name, 'aria-describedby': 'e-' + id };
    var node;
    if (def.type === 'enum' || def.type === 'boolean') {
      node = el('select', common, [el('option', { value: '', text: '— pilih —' })]);
      def.options.forEach(function (o) { node.appendChild(el('option', { value: String(o.value), text: o.label })); });
      node.value = value === null || value === undefined ? '' : String(value);
      return node;
    }
    if (def.type === 'reference') { return reference(def, id, value, section); }
    var type = { date: 'date', integer: 'number', email: 'email', phone: 'tel' }[def.type] || 'text';
    // Long texts (an address, a position's name) wrap on a phone instead of scrolling in one line.
    if (type === 'text' && def.maxLength >= 150) {
      node = el('textarea', Object.assign(common, { rows: def.maxLength > 150 ? '3' : '2', maxlength: String(def.maxLength) }));
    } else {
      node = el('input', Object.assign(common, { type: type, autocomplete: 'off' }));
    }
    if (def.type === 'integer') {
      node.setAttribute('inputmode', 'numeric');
      if (def.min !== undefined) { node.min = def.min; }
      if (def.max !== undefined) { node.max = def.max === 'currentYear' ? new Date().getFullYear() : def.max; }
    }
    if (def.type === 'nip') { node.setAttribute('inputmode', 'numeric'); node.maxLength = 18; }
    if (def.maxLength) { node.maxLength = def.maxLength; }
    if (def.notFuture && type === 'date') { node.max = new Date().toISOString().slice(0, 10); }
    node.value = value === null || value === undefined ? '' : value;
    return node;
  }

  /* Autocomplete over the agency's reference table; the chosen row's id is kept on the input. */
  function reference(def, id, value, section) {
    var wrap = el('div', { class: 'ac' });
    var box = el('input', { id: id, type: 'text', role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false',
      'aria-controls': id + '-list', autocomplete: 'off', 'data-field': def.name, 'aria-describedby': 'e-' + id,
      placeholder: 'Ketik untuk mencari…' });
    var list = el('ul', { id: id + '-list', role: 'listbox', 'aria-label': 'Pilihan ' + def.label, hidden: true });
    if (value && value.id) { box.value = refLabel(value); box.dataset.id = value.id; } else if (typeof value === 'string') { box.value = value; }
    var timer;
    function close() { list.hidden = true; box.setAttribute('aria-expanded', 'false'); }
    function choose(item) { box.value = refLabel(item); box.dataset.id = item.id; close(); box.dispatchEvent(new Event('change', { bubbles: true })); box.focus(); }
    box.addEventListener('input', function () {
      delete box.dataset.id;
      clearTimeout(timer);
      timer = setTimeout(async function () {
        var params = '?q=' + encodeURIComponent(box.value);
        Object.keys(def.filter || {}).forEach(function (param) {
          var v = currentValue(section, def.filter[param]);
          if (v) { params += '&' + param + '=' + encodeURIComponent(v); }
        });
        if (def.scope) {
          var parent = idOf(currentValue(section, def.scope));
          if (typeof parent !== 'number') { close(); return; }
          params += '&' + REF[def.reference].parent + '=' + parent;
        }
        var result = await Api.call('GET', '/api/ref/' + REF[def.reference].path + params);
        list.textContent = '';
        if (!result.ok) { close(); return; }
        result.body.items.forEach(function (item) {
          var li = el('li', { role: 'option', tabindex: '-1', text: refLabel(item) });
          li.addEventListener('click', function () { choose(item); });
          li.addEventListener('keydown', function (e) {
            if (e.key === 'Enter') { e.preventDefault(); choose(item); }
            if (e.key === 'ArrowDown' && li.nextSibling) { e.preventDefault(); li.nextSibling.focus(); }
            if (e.key === 'ArrowUp') { e.preventDefault(); (li.previousSibling || box).focus(); }
            if (e.key === 'Escape') { close(); box.focus(); }
          });
          list.appendChild(li);
        });
        list.hidden = result.body.items.length === 0;
        box.setAttribute('aria-expanded', String(!list.hidden));
      }, 250);
    });
    box.addEventListener('keydown', function (e) {
      if (e.key === 'ArrowDown' && !list.hidden && list.firstChild) { e.preventDefault(); list.firstChild.focus(); }
      if (e.key === 'Escape') { close(); }
    });
    wrap.appendChild(box);
    wrap.appendChild(list);
    return wrap;
  }

  function readInput(def, node) {
    if (!node) { return null; }
    if (def.type === 'reference') { return node.dataset.id ? Number(node.dataset.id) : (node.value.trim() ? node.value : null); }
    var v = node.value.trim();
    if (v === '') { return null; }
    if (def.type === 'boolean') { return v === 'true'; }
    return v;
  }
  /* What a draft keeps of an input: a chosen reference with its label, so it shows again. */
  function keepInput(def, node) {
    if (def.type === 'reference' && node && node.dataset.id) { return { id: Number(node.dataset.id), nama: node.value }; }
    return readInput(def, node);
  }

  /* ---------- documents: attach uploaded ones or upload with a progress bar; open own ones ---------- */
  async function openDocument(doc, button) {
    button.disabled = true;
    var token = await Api.session.token();
    var response = null;
    for (var attempt = 0; attempt < 2; attempt++) {
      try {
        response = await fetch('/api/documents/' + doc.id, { headers: { Authorization: 'Bearer ' + token } });
      } catch (e) { response = null; break; }
      if (response.status !== 401 || attempt === 1) { break; }
      if (await Api.session.refresh(token) !== 'ok') { Api.session.ended(); return; }
      token = sessionStorage.getItem('epupns.token');
    }
    button.disabled = false;
    if (!response || !response.ok) { say('Dokumen ' + doc.name + ' tidak dapat dibuka. Coba lagi.', true); return; }
    var url = URL.createObjectURL(await response.blob());
    var a = el('a', { href: url, download: doc.name, hidden: true });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
  }

  function docItem(doc, onRemove) {
    var open = el('button', { type: 'button', class: 'secondary', text: 'Buka', 'aria-label': 'Buka ' + doc.name });
    open.addEventListener('click', function () { openDocument(doc, open); });
    var li = el('li', { 'data-id': doc.id, 'data-name': doc.name }, [el('span', { text: doc.name }), el('span', { class: 'doc-actions' }, [open])]);
    if (onRemove) {
      var remove = el('button', { type: 'button', class: 'secondary', text: 'Lepas', 'aria-label': 'Lepas ' + doc.name });
      remove.addEventListener('click', function () { onRemove(li); });
      li.lastChild.appendChild(remove);
    }
    return li;
  }

  function docsWidget(accept, required, attached, idBase) {
    var wrap = el('div', { class: 'docs' });
    var names = accept.map(function (k) { return kinds[k] || k; }).join(', ');
    wrap.appendChild(el('p', { class: 'muted', text: 'Dokumen pendukung' + (required ? ' (wajib)' : '') + ': ' + names }));
    var list = el('ul', { 'aria-label': 'Dokumen terlampir' });
    wrap.appendChild(list);
    // After submitting the documents can be opened, no longer changed.
    if (locked()) {
      (attached || []).forEach(function (doc) { list.appendChild(docItem(doc, null)); });
      if (!list.children.length) { list.appendChild(el('li', { class: 'muted', text: 'Tidak ada dokumen.' })); }
      return wrap;
    }
    function add(doc) {
      if (list.querySelector('[data-id="' + doc.id + '"]')) { return; }
      list.appendChild(docItem(doc, function (li) { var f = li.closest('form'); li.remove(); markDirty(f); }));
    }
    (attached || []).forEach(add);
    var pick = el('select', { id: idBase + '-pilih' }, [el('option', { value: '', text: '— pilih dokumen yang sudah diunggah —' })]);
    documents.forEach(function (d) { pick.appendChild(el('option', { value: d.id, text: d.name })); });
    pick.addEventListener('change', function () {
      var doc = documents.filter(function (d) { return String(d.id) === pick.value; })[0];
      if (doc) { add(doc); markDirty(wrap); }
      pick.value = '';
    });
    wrap.appendChild(el('label', { for: idBase + '-pilih', text: 'Lampirkan dokumen yang sudah diunggah' }));
    wrap.appendChild(pick);
    var file = el('input', { type: 'file', id: idBase + '-unggah', accept: '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png' });
    var bar = el('progress', { max: '100', value: '0', hidden: true, 'aria-label': 'Kemajuan unggah' });
    var msg = el('span', { class: 'upload-state', role: 'status' });
    file.addEventListener('change', function () {
      if (!file.files.length) { return; }
      upload(file.files[0], accept[0], bar, msg).then(function (doc) {
        if (doc) { add(doc); markDirty(wrap); refreshPickers(); }
        file.value = '';
      });
    });
    wrap.appendChild(el('label', { for: idBase + '-unggah', text: 'Atau unggah baru (PDF/JPG/PNG, paling besar 2 MB)' }));
    wrap.appendChild(file);
    wrap.appendChild(bar);
    wrap.appendChild(msg);
    return wrap;
  }

  /* One upload with a progress bar; a token that lapsed meanwhile is refreshed and the upload sent again once. */
  async function upload(file, kind, bar, msg) {
    function tell(text, good) { msg.textContent = text; msg.className = 'upload-state ' + (good ? 'done-text' : 'error'); }
    function send(token) {
      return new Promise(function (resolve) {
        var data = new FormData();
        data.append('kind', kind || '');
        data.append('file', file);
        var xhr = new XMLHttpRequest();
        xhr.open('POST', '/api/me/documents');
        if (token) { xhr.setRequestHeader('Authorization', 'Bearer ' + token); }
        bar.hidden = false; bar.value = 0;
        xhr.upload.onprogress = function (e) { if (e.lengthComputable) { bar.value = Math.round(e.loaded * 100 / e.total); } };
        xhr.onload = function () {
          var body = {};
          try { body = JSON.parse(xhr.responseText); } catch (e) { body = {}; }
          resolve({ status: xhr.status, body: body });
        };
        xhr.onerror = function () { resolve({ status: 0, body: {} }); };
        xhr.send(data);
      });
    }
    msg.className = 'upload-state';
    msg.textContent = 'Mengunggah…';
    var token = await Api.session.token();
    var result = await send(token);
    if (result.status === 401) {
      var outcome = await Api.session.refresh(token);
      if (outcome === 'ended') { bar.hidden = true; Api.session.ended(); return null; }
      result = outcome === 'ok' ? await send(sessionStorage.getItem('epupns.token')) : { status: 0, body: {} };
    }
    bar.hidden = true;
    if (result.status === 201) {
      tell('Terunggah: ' + result.body.name, true);
      if (!documents.some(function (d) { return d.id === result.body.id; })) { documents.push(result.body); }
      return result.body;
    }
    if (result.status === 401) { Api.session.ended(); }
    tell(result.status === 0 ? 'Tidak dapat terhubung. Coba lagi.' : (result.body.message || 'Unggah gagal.'), false);
    return null;
  }

  function refreshPickers() {
    document.querySelectorAll('.docs select').forEach(function (pick) {
      documents.forEach(function (d) {
        if (!pick.querySelector('option[value="' + d.id + '"]')) { pick.appendChild(el('option', { value: d.id, text: d.name })); }
      });
    });
  }

  function attached(container) {
    var docs = [];
    container.querySelectorAll('.docs li[data-id]').forEach(function (li) { docs.push({ id: Number(li.dataset.id), name: li.dataset.name }); });
    return docs;
  }
  function attachedIds(container) { return attached(container).map(function (d) { return d.id; }); }

  /* ---------- record and entry sections ---------- */
  function fieldItem(def, state, section, kind) {
    var id = 'f-' + section.id + '-' + def.name;
    var box = el('fieldset', { class: 'item', id: id, 'data-item': def.name, 'data-label': def.label });
    box.appendChild(el('legend', { text: def.label }));
    var fix = el('div', { class: 'fix' });
    var inputId = 'c-' + section.id + '-' + def.name;
    if (kind === 'record') {
      box.appendChild(el('p', { class: 'sapk' }, [el('span', { class: 'muted', text: 'DATABASE PNS' }), el('strong', { text: display(def, state.sapk) })]));
      box.appendChild(marks('mark-' + section.id + '-' + def.name, MARKS, state.mark, 'Periksa ' + def.label));
      fix.hidden = state.mark !== 'WRONG';
      fix.appendChild(el('label', { for: inputId, text: 'Perbaikan ' + def.label }));
    } else {
      fix.appendChild(el('label', { for: inputId, text: def.label + (def.required ? ' (wajib)' : '') }));
    }
    fix.appendChild(input(def, inputId, state.correction, section));
    if (def.hint) { fix.appendChild(el('span', { class: 'hint', text: def.hint })); }
    if (def.documents && def.documents.length) { fix.appendChild(docsWidget(def.documents, def.documentRequired, state.documents, inputId)); }
    box.appendChild(fix);
    box.appendChild(el('span', { class: 'error', id: 'e-' + inputId, 'data-error-for': def.name }));
    box.appendChild(verification(state.verification));
    if (state.returned) { box.appendChild(returnedNote(state.returned)); }
    return box;
  }

  function marks(name, choices, current, label) {
    var group = el('div', { class: 'marks', role: 'radiogroup', 'aria-label': label });
    choices.forEach(function (m) {
      var radio = el('input', { type: 'radio', name: name, value: m[0] });
      radio.checked = current === m[0];
      group.appendChild(el('label', {}, [radio, m[1]]));
    });
    return group;
  }

  function verification(tiers) {
    var out = el('div', { class: 'verif' });
    Object.keys(tiers || {}).forEach(function (tier) {
      var t = tiers[tier];
      out.appendChild(el('span', { class: 'tier ' + t.status, text: tier + ': ' + (TIER_TEXT[t.status] || t.status) + (t.reason ? ' — ' + t.reason : '') }));
    });
    return out;
  }

  /* The value a field has now on the page (its correction when marked ✗, else SAPK). */
  function currentValue(section, name) {
    var formNode = document.getElementById('s-' + section.id);
    var def = defOf(section, name);
    var item = formNode && formNode.querySelector('[data-item="' + name + '"]');
    if (!item || !def) { return null; }
    var node = item.querySelector('[data-field="' + name + '"]');
    if (section.kind === 'entry') { return readInput(def, node); }
    var mark = item.querySelector('input[type=radio]:checked');
    var state = fieldState(section, name);
    if (mark && mark.value === 'WRONG' && readInput(def, node) !== null) { return readInput(def, node); }
    return state ? state.sapk : null;
  }

  function defOf(section, name) { return section.def.fields.filter(function (f) { return f.name === name; })[0]; }
  function fieldState(section, name) { return (section.fields || []).filter(function (f) { return f.name === name; })[0]; }

  /* Shows only fields whose condition holds and only the options the other field allows. */
  function refresh(section) {
    var formNode = document.getElementById('s-' + section.id);
    section.def.fields.forEach(function (def) {
      var item = formNode.querySelector('[data-item="' + def.name + '"]');
      if (!item) { return; }
      if (def.when) {
        var v = currentValue(section, def.when.field);
        item.hidden = !def.when.in.some(function (x) { return String(x) === String(v); });
      }
      if (section.kind === 'record') {
        var mark = item.querySelector('input[type=radio]:checked');
        item.querySelector('.fix').hidden = !(mark && mark.value === 'WRONG');
      }
      if (def.optionsDependOn) {
        var on = currentValue(section, def.optionsDependOn.field);
        var allowed = def.optionsDependOn.options[on];
        item.querySelectorAll('option').forEach(function (o) { o.hidden = !!(o.value && allowed && allowed.indexOf(o.value) < 0); });
      }
    });
  }

  function sectionPayload(section, formNode) {
    if (section.kind === 'rows') { return { version: section.version, rows: rowsPayload(section, formNode) }; }
    var fields = {};
    section.def.fields.forEach(function (def) {
      var item = formNode.querySelector('[data-item="' + def.name + '"]');
      if (!item || item.hidden) { return; }
      var entry = {};
      var value = readInput(def, item.querySelector('[data-field="' + def.name + '"]'));
      var docs = attachedIds(item);
      if (section.kind === 'record') {
        var mark = item.querySelector('input[type=radio]:checked');
        if (!mark) { return; }
        entry.mark = mark.value;
        if (mark.value === 'WRONG') { entry.correction = value; entry.documents = docs; }
      } else {
        if (value === null && !docs.length) { return; }
        entry.correction = value;
        entry.documents = docs;
      }
      fields[def.name] = entry;
    });
    return { version: section.version, fields: fields };
  }

  /* ---------- history sections: rows as cards ---------- */
  function rowCard(section, row, added) {
    var def = section.def;
    var card = el('fieldset', { class: 'item row-card', 'data-ref': row.ref || '', 'data-added': added ? '1' : '' });
    var title = added ? 'Baris baru' : def.fields.slice(0, 2).map(function (f) { return display(f, row.sapk[f.name]); }).join(' · ');
    card.setAttribute('data-label', def.title + ': ' + title);
    card.appendChild(el('legend', { text: def.title + ': ' + title }));
    var idBase = 'r-' + section.id + '-' + (row.ref || ('n' + (++newRows)));
    card.id = idBase;
    if (!added) {
      var dl = el('dl', { class: 'sapk' });
      def.fields.forEach(function (f) { dl.appendChild(el('dt', { class: 'muted', text: f.label })); dl.appendChild(el('dd', { text: display(f, row.sapk[f.name]) })); });
      card.appendChild(dl);
      card.appendChild(marks('mark-' + idBase, MARKS.concat([['REMOVE', 'Bukan milik saya (hapus)']]), row.mark, 'Periksa baris ' + title));
    }
    var corrections = row.corrections || {};
    var fix = el('div', { class: 'fix', hidden: !added && row.mark !== 'WRONG' && row.mark !== 'REMOVE' });
    var editsBox = el('div', { class: 'edits', hidden: !added && row.mark !== 'WRONG' });
    def.fields.forEach(function (f) {
      var v = added ? (row.values || {})[f.name] : (corrections[f.name] !== undefined ? corrections[f.name] : row.sapk[f.name]);
      var inputId = idBase + '-' + f.name;
      var wrapper = el('div', { 'data-row-field': f.name });
      wrapper.appendChild(el('label', { for: inputId, text: f.label + (added && f.required ? ' (wajib)' : '') }));
      wrapper.appendChild(input(f, inputId, v, section));
      wrapper.appendChild(el('span', { class: 'error', id: 'e-' + inputId, 'data-row-error': f.name }));
      editsBox.appendChild(wrapper);
    });
    fix.appendChild(editsBox);
    if (!added) {
      var reason = el('div', { class: 'reason', hidden: row.mark !== 'REMOVE' });
      reason.appendChild(el('label', { for: idBase + '-alasan', text: 'Alasan penghapusan' }));
      var r = el('input', { id: idBase + '-alasan', type: 'text', maxlength: '300', 'data-reason': '1' });
      r.value = row.reason || '';
      reason.appendChild(r);
      fix.appendChild(reason);
    }
    fix.appendChild(docsWidget(def.documents, def.documentRequired, row.documents, idBase));
    card.appendChild(fix);
    card.appendChild(el('span', { class: 'error', 'data-row-error': '_row' }));
    if (added && !locked()) {
      var drop = el('button', { type: 'button', class: 'secondary', text: 'Batalkan baris baru' });
      drop.addEventListener('click', function () { var f = card.closest('form'); card.remove(); markDirty(f); });
      card.appendChild(drop);
    }
    var tiers = row.verification || {};
    Object.keys(tiers).forEach(function (k) { card.appendChild(verification(tiers[k])); });
    if (row.returned) { card.appendChild(returnedNote(row.returned)); }
    card.addEventListener('change', function (e) {
      if (e.target.type === 'radio') {
        fix.hidden = e.target.value === 'CORRECT';
        editsBox.hidden = e.target.value !== 'WRONG';
        card.querySelector('.reason').hidden = e.target.value !== 'REMOVE';
      }
    });
    return card;
  }

  /* A row card as the server and a draft read it: mark, values that differ from SAPK, reason, documents. */
  function rowState(section, card) {
    var added = card.dataset.added === '1';
    var state = (section.rows || []).filter(function (r) { return r.ref === card.dataset.ref; })[0];
    var mark = added ? { value: 'ADD' } : card.querySelector('input[type=radio]:checked');
    var changes = {}, kept = {};
    section.def.fields.forEach(function (f) {
      var node = card.querySelector('[data-row-field="' + f.name + '"] [data-field="' + f.name + '"]');
      var v = readInput(f, node);
      var sapk = state && state.sapk ? state.sapk[f.name] : null;
      if (v !== null && (added || String(v) !== String(idOf(sapk)))) { changes[f.name] = v; kept[f.name] = keepInput(f, node); }
    });
    var reason = card.querySelector('[data-reason]');
    return { ref: card.dataset.ref || null, mark: mark ? mark.value : null, changes: changes, kept: kept,
      reason: reason ? reason.value.trim() : '', documents: attached(card), sapk: state ? state.sapk : null,
      verification: state ? state.verification : null };
  }

  function rowsPayload(section, formNode) {
    var rows = [];
    formNode.querySelectorAll('.row-card').forEach(function (card) {
      var s = rowState(section, card);
      if (!s.mark && !s.documents.length) { return; }
      var row = { documents: s.documents.map(function (d) { return d.id; }), mark: s.mark };
      if (s.ref) { row.ref = s.ref; }
      if (s.mark === 'ADD') { row.values = s.changes; } else if (s.mark === 'WRONG') { row.corrections = s.changes; }
      if (s.mark === 'REMOVE' && s.reason) { row.reason = s.reason; }
      rows.push(row);
    });
    return rows;
  }

  /* ---------- drafts: the section as the page holds it, in the shape GET /api/me/form gives ---------- */
  function snapshot(section, formNode) {
    var out = { version: section.version, savedAt: Date.now() };
    if (section.kind === 'rows') {
      out.rows = Array.prototype.map.call(formNode.querySelectorAll('.row-card'), function (card) {
        var s = rowState(section, card);
        return { ref: s.ref, mark: s.mark, corrections: s.mark === 'ADD' ? {} : s.kept, values: s.mark === 'ADD' ? s.kept : {},
          reason: s.reason, documents: s.documents };
      });
      return out;
    }
    out.fields = section.def.fields.map(function (def) {
      var item = formNode.querySelector('[data-item="' + def.name + '"]');
      var mark = item && item.querySelector('input[type=radio]:checked');
      return { name: def.name, mark: mark ? mark.value : null, correction: item ? keepInput(def, item.querySelector('[data-field="' + def.name + '"]')) : null,
        documents: item ? attached(item) : [] };
    });
    return out;
  }

  /* Lays a kept draft over the server's state of a section (SAPK values and verdicts stay the server's). */
  function applyDraft(section, draft) {
    if (section.kind === 'rows') {
      var byRef = {};
      (section.rows || []).forEach(function (r) { byRef[r.ref] = r; });
      var rows = draft.rows.map(function (d) {
        var server = d.ref ? byRef[d.ref] : null;
        if (d.ref && !server) { return null; }
        return Object.assign({}, server || { sapk: null, verification: {} }, d);
      }).filter(Boolean);
      (section.rows || []).forEach(function (r) { if (!draft.rows.some(function (d) { return d.ref === r.ref; })) { rows.push(r); } });
      section.rows = rows;
    } else {
      var saved = {};
      (section.fields || []).forEach(function (f) { saved[f.name] = f; });
      section.fields = draft.fields.map(function (d) { return Object.assign({}, saved[d.name] || {}, d); });
    }
    section.restored = true;
  }

  /* ---------- sections, saving, tabs ---------- */
  function markDirty(node) {
    var formNode = node && node.closest ? node.closest('form') : null;
    if (!formNode) { return; }
    var s = formNode.querySelector('.save-state');
    s.textContent = 'Belum disimpan';
    s.className = 'save-state dirty';
    var section = sections[formNode.id.slice(2)];
    if (section && !locked()) {
      edits[section.id] = (edits[section.id] || 0) + 1;
      Api.drafts.put(section.id, snapshot(section, formNode));
    }
  }

  /* "Tandai semua benar": ✓ on every shown field or row not marked yet; undoable until saved. */
  function markAllButton(section, formNode) {
    var button = el('button', { type: 'button', class: 'secondary mark-all', text: '✓ Tandai semua benar' });
    var undo = el('button', { type: 'button', class: 'secondary', text: 'Batalkan tandai semua', hidden: true });
    var note = el('span', { class: 'muted', role: 'status' });
    var marked = [];
    button.addEventListener('click', function () {
      marked = [];
      formNode.querySelectorAll('.marks').forEach(function (group) {
        var item = group.closest('.item');
        if (item.hidden || item.dataset.added === '1' || group.querySelector('input:checked')) { return; }
        var yes = group.querySelector('input[value=CORRECT]');
        yes.checked = true;
        yes.dispatchEvent(new Event('change', { bubbles: true }));
        marked.push(yes);
      });
      note.textContent = marked.length ? marked.length + ' data ditandai benar. Periksa, lalu simpan.' : 'Semua data sudah ditandai.';
      if (marked.length) { button.hidden = true; undo.hidden = false; undo.focus(); }
    });
    undo.addEventListener('click', function () {
      marked.forEach(function (radio) {
        if (radio.checked) { radio.checked = false; radio.dispatchEvent(new Event('change', { bubbles: true })); }
      });
      note.textContent = 'Tanda benar dibatalkan untuk ' + marked.length + ' data.';
      marked = [];
      undo.hidden = true;
      button.hidden = false;
      button.focus();
    });
    return el('div', { class: 'mark-all-bar' }, [button, undo, note]);
  }

  function sectionForm(section) {
    sections[section.id] = section;
    building = section;
    var formNode = el('form', { id: 's-' + section.id, class: 'section-form', novalidate: true, 'aria-labelledby': 'h-' + section.id });
    formNode.appendChild(el('h2', { id: 'h-' + section.id, text: section.def.title }));
    var box = el('div', { class: 'alert', role: 'alert', tabindex: '-1', hidden: true });
    formNode.appendChild(box);
    var markable = section.kind === 'record' || (section.kind === 'rows' && section.rows.some(function (r) { return r.mark !== 'ADD'; }));
    if (markable && !locked()) { formNode.appendChild(markAllButton(section, formNode)); }
    if (section.kind === 'rows') {
      var list = el('div', { class: 'rows' });
      if (!section.rows.length) { list.appendChild(el('p', { class: 'muted', text: 'Tidak ada data riwayat di SAPK.' })); }
      section.rows.forEach(function (row) { list.appendChild(rowCard(section, row, row.mark === 'ADD')); });
      formNode.appendChild(list);
      if (!locked()) {
        var addButton = el('button', { type: 'button', class: 'secondary', text: '+ Tambah baris ' + section.def.title.toLowerCase() });
        addButton.addEventListener('click', function () {
          var card = rowCard(section, { ref: null, sapk: null, values: {}, corrections: {}, documents: [] }, true);
          list.appendChild(card);
          markDirty(formNode);
          card.querySelector('input,select,textarea').focus();
        });
        formNode.appendChild(addButton);
      }
    } else {
      section.def.fields.forEach(function (def) { formNode.appendChild(fieldItem(def, fieldState(section, def.name) || {}, section, section.kind)); });
    }
    var save = el('button', { type: 'submit', text: 'Simpan ' + section.def.title });
    var saved = el('span', { class: 'save-state', role: 'status', text: section.version ? 'Tersimpan' : '' });
    if (section.version) { saved.className = 'save-state saved'; }
    if (section.restored) { saved.textContent = 'Belum disimpan (dipulihkan dari perangkat ini)'; saved.className = 'save-state dirty'; }
    if (locked()) {
      formNode.querySelectorAll('input,select,textarea').forEach(function (n) { n.disabled = true; });
    } else {
      formNode.appendChild(el('div', { class: 'save-bar' }, [save, saved]));
      if (form.state === 'SUBMITTED') {
        var open = returnedIn(section);
        formNode.querySelectorAll('input,select,textarea,button').forEach(function (n) {
          var item = n.closest('[data-item],[data-ref]');
          var key = item ? (item.dataset.item || item.dataset.ref) : null;
          n.disabled = !(n === save || (key && open.indexOf(key) >= 0));
        });
      }
    }
    building = null;
    formNode.addEventListener('input', function () { markDirty(formNode); });
    formNode.addEventListener('change', function () { markDirty(formNode); if (section.kind !== 'rows') { refresh(section); } });
    formNode.addEventListener('submit', async function (e) {
      e.preventDefault();
      save.disabled = true;
      saved.textContent = 'Menyimpan…'; saved.className = 'save-state';
      var editsAtSend = edits[section.id] || 0;
      var result = await Api.call('PUT', '/api/me/form/' + section.id, sectionPayload(section, formNode));
      save.disabled = false;
      showSectionErrors(formNode, box, null);
      if (result.ok) {
        // The server has them now; edits typed while saving stay in the draft and on the page.
        if ((edits[section.id] || 0) === editsAtSend) { Api.drafts.drop(section.id); }
        section.version = result.body.version;
        say(section.def.title + ' tersimpan.');
        await reloadSection(section.id, 'Tersimpan ' + Api.time());
        return;
      }
      saved.textContent = 'Belum disimpan'; saved.className = 'save-state dirty';
      if (result.status === 401) { return; }
      if (result.body.error === 'VERSION_CONFLICT') {
        box.hidden = false;
        box.textContent = 'Data ini diubah di tab lain; muat ulang halaman agar tidak menimpa perubahan tersebut. '
          + 'Isian Anda yang belum tersimpan dipulihkan setelah dimuat ulang.';
        var reload = el('button', { type: 'button', text: 'Muat ulang' });
        reload.addEventListener('click', function () { location.reload(); });
        box.appendChild(document.createTextNode(' '));
        box.appendChild(reload);
        box.focus();
        return;
      }
      showSectionErrors(formNode, box, result);
    });
    return formNode;
  }

  /* Each message beside its field; the alert summarises with a link per field, and focus goes to the first. */
  function showSectionErrors(formNode, box, result) {
    formNode.querySelectorAll('.error').forEach(function (e) { e.textContent = ''; });
    formNode.querySelectorAll('[aria-invalid]').forEach(function (e) { e.removeAttribute('aria-invalid'); });
    if (!result) { box.hidden = true; return; }
    var fields = result.body.fields || {};
    var cards = formNode.querySelectorAll('.row-card');
    var items = [];
    Object.keys(fields).forEach(function (key) {
      var m = /^rows\[(\d+)\](?:\.(\w+))?/.exec(key);
      var slot, target, holder, label;
      if (m) {
        var sent = Array.prototype.filter.call(cards, function (c) { return c.dataset.added === '1' || c.querySelector('input[type=radio]:checked') || c.querySelector('.docs li[data-id]'); });
        holder = sent[Number(m[1])];
        if (!holder) { return; }
        slot = holder.querySelector('[data-row-error="' + m[2] + '"]') || holder.querySelector('[data-row-error="_row"]');
        target = holder.querySelector('[data-row-field="' + m[2] + '"] [data-field]');
        label = holder.getAttribute('data-label') + (target ? ' — ' + Api.labelOf(target) : '');
      } else {
        holder = formNode.querySelector('[data-item="' + key + '"]');
        slot = formNode.querySelector('[data-error-for="' + key + '"]');
        target = holder && holder.querySelector('[data-field]');
        label = holder ? holder.getAttribute('data-label') : key;
      }
      if (slot) { slot.textContent = fields[key]; }
      if (target) { target.setAttribute('aria-invalid', 'true'); }
      // A field whose correction box is closed is reached by its ✓/✗ choice.
      if (holder && (!target || target.closest('[hidden]'))) { target = holder.querySelector('input:not([disabled])') || holder; }
      if (target) { items.push({ label: label, target: target }); }
    });
    box.className = 'alert';
    var first = Api.summary(box, items.length ? Api.heading(result, fields) : (result.body.message || 'Terjadi kesalahan.'), items);
    if (first) { Api.focusField(first); } else { box.focus(); }
  }

  async function reloadSection(id, savedText) {
    var result = await Api.call('GET', '/api/me/form');
    if (!result.ok) { return; }
    form = result.body;
    documents = form.documents;
    var section = prepare(form).filter(function (s) { return s.id === id; })[0];
    var old = document.getElementById('s-' + id);
    var focusedId = document.activeElement && old.contains(document.activeElement) ? document.activeElement.id : null;
    var fresh = sectionForm(section);
    old.replaceWith(fresh);
    if (section.kind !== 'rows') { refresh(section); }
    if (!section.restored) {
      var state = fresh.querySelector('.save-state');
      state.textContent = savedText || 'Tersimpan'; state.className = 'save-state saved';
    }
    var again = focusedId && document.getElementById(focusedId);
    (again || fresh.querySelector('button[type=submit]')).focus();
  }

  /* Sections with their catalogue definitions, and any kept draft laid over them. */
  function prepare(data) {
    var defs = {};
    catalogue.sections.forEach(function (s) { defs[s.id] = s; });
    return data.sections.map(function (s) {
      s.def = defs[s.id];
      var draft = Api.drafts.get(s.id);
      if (draft && data.state === 'SUBMITTED') { Api.drafts.drop(s.id); draft = null; }
      if (draft) { applyDraft(s, draft); s.draftOlder = draft.version !== s.version; }
      return s;
    });
  }

  function render() {
    var all = prepare(form);
    var id = document.getElementById('identitas');
    id.textContent = '';
    id.appendChild(el('dl', {}, [el('dt', { text: 'Nama' }), el('dd', { text: form.nama }), el('dt', { text: 'NIP' }), el('dd', { text: form.nip }),
      el('dt', { text: 'Instansi kerja' }), el('dd', { text: form.instansiKerja }),
      el('dt', { text: 'Status formulir' }), el('dd', { text: locked() ? ((form.returned || []).length ? 'Dikirim; sebagian dikembalikan untuk diperbaiki' : 'Sudah dikirim (tidak dapat diubah)') : 'Draf' })]));
    var tabs = document.getElementById('tabs');
    var panels = document.getElementById('panels');
    var order = [];
    all.forEach(function (s) { if (order.indexOf(s.def.tab) < 0) { order.push(s.def.tab); } });
    order.forEach(function (tab, i) {
      var key = 'tab' + i;
      var button = el('button', { type: 'button', role: 'tab', id: key, 'aria-controls': 'p-' + key, 'aria-selected': i === 0 ? 'true' : 'false', tabindex: i === 0 ? '0' : '-1', text: tab });
      var panel = el('section', { role: 'tabpanel', id: 'p-' + key, class: 'panel', 'aria-labelledby': key, hidden: i !== 0 });
      all.filter(function (s) { return s.def.tab === tab; }).forEach(function (s) { panel.appendChild(sectionForm(s)); });
      button.addEventListener('click', function () { select(button); });
      button.addEventListener('keydown', function (e) {
        var list = Array.prototype.slice.call(tabs.children);
        var at = list.indexOf(button);
        if (e.key === 'ArrowRight') { select(list[(at + 1) % list.length], true); }
        if (e.key === 'ArrowLeft') { select(list[(at - 1 + list.length) % list.length], true); }
      });
      tabs.appendChild(button);
      panels.appendChild(panel);
    });
    all.forEach(function (s) { if (s.kind !== 'rows') { refresh(s); } });
    if (locked()) {
      say((form.returned || []).length
        ? form.returned.length + ' data dikembalikan verifikator untuk Anda perbaiki (ditandai merah). Perbaiki, simpan, lalu kirim kembali dari halaman Kirim.'
        : 'Formulir sudah dikirim. Lihat halaman Progres untuk hasil verifikasi.');
    }
    var restored = all.filter(function (s) { return s.restored; });
    if (restored.length) {
      var note = document.getElementById('pulih');
      note.textContent = 'Isian yang belum tersimpan dipulihkan dari perangkat ini: '
        + restored.map(function (s) { return s.def.title; }).join(', ') + '. Periksa, lalu tekan Simpan di bagian itu.'
        + (restored.some(function (s) { return s.draftOlder; }) ? ' Sebagian bagian sudah diubah sejak itu (di tab atau perangkat lain); isian yang dipulihkan menggantikannya bila disimpan.' : '');
      note.hidden = false;
    }
    focusHash();
  }

  function select(button, focus) {
    document.querySelectorAll('[role=tab]').forEach(function (b) {
      var on = b === button;
      b.setAttribute('aria-selected', on ? 'true' : 'false');
      b.tabIndex = on ? 0 : -1;
      document.getElementById(b.getAttribute('aria-controls')).hidden = !on;
    });
    if (focus) { button.focus(); }
  }

  /* kirim.html links to #f-<section>-<field>, a session that ended comes back to where it was: open its tab and focus it. */
  function focusHash() {
    var target = location.hash ? document.getElementById(location.hash.slice(1)) : null;
    if (!target) { return; }
    var panel = target.closest('[role=tabpanel]');
    if (!panel) { return; }
    select(document.getElementById(panel.getAttribute('aria-labelledby')));
    target.hidden = false;
    target.scrollIntoView();
    // The open correction box first, then the chosen ✓/✗, then whatever comes first.
    var fields = Array.prototype.filter.call(target.querySelectorAll('[data-field]:not([disabled])'), function (n) { return !n.closest('[hidden]'); });
    var focusable = fields[0] || target.querySelector('input[type=radio]:checked:not([disabled])')
      || target.querySelector('input:not([disabled]),select,textarea');
    if (focusable) { focusable.focus(); }
    lastPlace = target.id;
  }

  (async function start() {
    var results = await Promise.all([Api.call('GET', '/api/form/catalogue'), Api.call('GET', '/api/me/form'), Api.timeZone()]);
    if (results[1].status === 401) { return; }
    if (!results[0].ok || !results[1].ok) { say(results[1].body.message || 'Formulir belum dapat dimuat. Coba lagi.', true); return; }
    catalogue = results[0].body;
    catalogue.documentKinds.forEach(function (k) { kinds[k.code] = k.label; });
    form = results[1].body;
    documents = form.documents;
    render();
    // Outside the form-entry window a draft cannot be saved: say so (with the dates) before anyone types.
    if (form.state !== 'SUBMITTED' && form.formWindow && form.formWindow.refusal) {
      say(form.formWindow.refusal + ' Data Anda dapat dilihat, tetapi tidak dapat disimpan di luar jadwal itu.', true);
    }
    window.addEventListener('hashchange', focusHash);
  })();
})();
