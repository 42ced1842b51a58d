/* The PUPNS form: rendered from the field catalogue (GET /api/form/catalogue) and the PNS's form
   (GET /api/me/form); each section saved with its version (PUT /api/me/form/{section}). */
(function () {
  'use strict';
  var catalogue, form, documents = [], kinds = {};
  var statusBox = document.getElementById('status');
  /* Reference tables: their autocomplete path and, for rows of a parent, the parent's query parameter. */
  var REF = { sekolah: { path: 'sekolah' }, unit_kesehatan: { path: 'unit-kesehatan' }, spesialis: { path: 'spesialis' },
    instansi: { path: 'instansi' }, satuan_kerja: { path: 'satuan-kerja', parent: 'instansiId' },
    unit_organisasi: { path: 'unit-organisasi', parent: 'satuanKerjaId' } };
  var TIER_TEXT = { PENDING: 'menunggu', MS: 'MS', TMS: 'TMS', RETURN: 'dikembalikan', NOT_REQUIRED: 'tidak perlu' };

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) { return; }
      if (k === 'text') { node.textContent = v; } else if (k === 'hidden') { node.hidden = true; } else { node.setAttribute(k, v === true ? '' : v); }
    });
    (children || []).forEach(function (c) { if (c) { node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); } });
    return node;
  }
  function say(text, bad) { statusBox.textContent = text; statusBox.className = 'status' + (bad ? ' alert' : ''); }
  function toLogin() { location.href = '/masuk.html?kembali=' + encodeURIComponent(location.pathname + location.hash); }

  function display(def, value) {
    if (value === null || value === undefined || value === '') { return '—'; }
    if (typeof value === 'object' && value.nama) { return refLabel(value); }
    if (def.options) {
      var o = def.options.filter(function (x) { return String(x.value) === String(value); })[0];
      if (o) { return o.label; }
    }
    if (def.type === 'date') { return Api.formatDate(value); }
    return String(value);
  }

  /* A chosen reference row as the PNS reads it: a unit's path and eselon, else its name. */
  function refLabel(item) {
    return (item.jalur || item.nama) + (item.eselon ? ' (eselon ' + item.eselon + ')' : '');
  }
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
    node = el('input', Object.assign(common, { type: type, autocomplete: 'off' }));
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
    var list = el('ul', { id: id + '-list', role: 'listbox', hidden: true });
    if (value && value.id) { box.value = refLabel(value); box.dataset.id = value.id; }
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
        list.innerHTML = '';
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

  /* ---------- documents: attach uploaded ones or upload with a progress bar ---------- */
  function docsWidget(accept, required, attached, idBase) {
    var wrap = el('div', { class: 'docs' });
    var names = accept.map(function (k) { return kinds[k] || k; }).join(', ');
    wrap.appendChild(el('p', { class: 'muted', text: 'Dokumen pendukung' + (required ? ' (wajib)' : '') + ': ' + names }));
    var list = el('ul', { 'aria-label': 'Dokumen terlampir' });
    wrap.appendChild(list);
    function add(doc) {
      if (list.querySelector('[data-id="' + doc.id + '"]')) { return; }
      var remove = el('button', { type: 'button', class: 'secondary', text: 'Lepas', 'aria-label': 'Lepas ' + doc.name });
      var li = el('li', { 'data-id': doc.id }, [el('span', { text: doc.name }), remove]);
      remove.addEventListener('click', function () { li.remove(); markDirty(wrap); });
      list.appendChild(li);
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
    var msg = el('span', { class: 'error', 'aria-live': 'polite' });
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

  function upload(file, kind, bar, msg) {
    return new Promise(function (resolve) {
      var data = new FormData();
      data.append('kind', kind || '');
      data.append('file', file);
      var xhr = new XMLHttpRequest();
      xhr.open('POST', '/api/me/documents');
      var token = sessionStorage.getItem('epupns.token');
      if (token) { xhr.setRequestHeader('Authorization', 'Bearer ' + token); }
      bar.hidden = false; bar.value = 0; msg.textContent = 'Mengunggah…';
      xhr.upload.onprogress = function (e) { if (e.lengthComputable) { bar.value = Math.round(e.loaded * 100 / e.total); } };
      xhr.onload = function () {
        bar.hidden = true;
        var body = {};
        try { body = JSON.parse(xhr.responseText); } catch (e) { body = {}; }
        if (xhr.status === 201) {
          msg.textContent = 'Terunggah: ' + body.name;
          if (!documents.some(function (d) { return d.id === body.id; })) { documents.push(body); }
          resolve(body);
        } else {
          if (xhr.status === 401) { toLogin(); }
          msg.textContent = body.message || 'Unggah gagal.';
          resolve(null);
        }
      };
      xhr.onerror = function () { bar.hidden = true; msg.textContent = 'Tidak dapat terhubung. Coba lagi.'; resolve(null); };
      xhr.send(data);
    });
  }

  function refreshPickers() {
    document.querySelectorAll('.docs select').forEach(function (pick) {
      documents.forEach(function (d) {
        if (!pick.querySelector('option[value="' + d.id + '"]')) { pick.appendChild(el('option', { value: d.id, text: d.name })); }
      });
    });
  }

  function attachedIds(container) {
    var ids = [];
    container.querySelectorAll('.docs li[data-id]').forEach(function (li) { ids.push(Number(li.dataset.id)); });
    return ids;
  }

  /* ---------- record and entry sections ---------- */
  function fieldItem(def, state, section, kind) {
    var id = 'f-' + section.id + '-' + def.name;
    var box = el('fieldset', { class: 'item', id: id, 'data-item': def.name });
    box.appendChild(el('legend', { text: def.label }));
    var fix = el('div', { class: 'fix' });
    var inputId = 'c-' + section.id + '-' + def.name;
    if (kind === 'record') {
      box.appendChild(el('p', { class: 'sapk' }, [el('span', { class: 'muted', text: 'DATABASE PNS' }), el('strong', { text: display(def, state.sapk) })]));
      var marks = el('div', { class: 'marks', role: 'radiogroup', 'aria-label': 'Periksa ' + def.label });
      [['CORRECT', '✓ Benar'], ['WRONG', '✗ Salah']].forEach(function (m) {
        var radio = el('input', { type: 'radio', name: 'mark-' + section.id + '-' + def.name, value: m[0] });
        radio.checked = state.mark === m[0];
        marks.appendChild(el('label', {}, [radio, m[1]]));
      });
      box.appendChild(marks);
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

  /* The keys (field names, or row refs of a history section) a verifier returned in this section. */
  function returnedIn(section) {
    return (form.returned || []).filter(function (r) { return r.section === section.id; })
      .map(function (r) { return section.kind === 'rows' ? r.row : r.field; });
  }

  function returnedNote(returned) {
    return el('p', { class: 'alert returned', text: 'Dikembalikan oleh verifikator ' + returned.tier + ': ' + returned.reason
      + ' Perbaiki, simpan, lalu kirim kembali dari halaman Kirim.' });
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
    card.appendChild(el('legend', { text: def.title + ': ' + title }));
    var idBase = 'r-' + section.id + '-' + (row.ref || ('n' + Date.now()));
    card.id = idBase;
    if (!added) {
      var dl = el('dl', { class: 'sapk' });
      def.fields.forEach(function (f) { dl.appendChild(el('dt', { class: 'muted', text: f.label })); dl.appendChild(el('dd', { text: display(f, row.sapk[f.name]) })); });
      card.appendChild(dl);
      var marks = el('div', { class: 'marks', role: 'radiogroup', 'aria-label': 'Periksa baris ' + title });
      [['CORRECT', '✓ Benar'], ['WRONG', '✗ Salah'], ['REMOVE', 'Bukan milik saya (hapus)']].forEach(function (m) {
        var radio = el('input', { type: 'radio', name: 'mark-' + idBase, value: m[0] });
        radio.checked = row.mark === m[0];
        marks.appendChild(el('label', {}, [radio, m[1]]));
      });
      card.appendChild(marks);
    }
    var fix = el('div', { class: 'fix', hidden: !added && row.mark !== 'WRONG' && row.mark !== 'REMOVE' });
    var edits = el('div', { class: 'edits', hidden: !added && row.mark !== 'WRONG' });
    def.fields.forEach(function (f) {
      var v = added ? row.values[f.name] : (row.corrections[f.name] !== undefined ? row.corrections[f.name] : row.sapk[f.name]);
      var inputId = idBase + '-' + f.name;
      var wrapper = el('div', { 'data-row-field': f.name });
      wrapper.appendChild(el('label', { for: inputId, text: f.label + (added && f.required ? ' (wajib)' : '') }));
      wrapper.appendChild(input(f, inputId, v, section));
      wrapper.appendChild(el('span', { class: 'error', id: 'e-' + inputId, 'data-row-error': f.name }));
      edits.appendChild(wrapper);
    });
    fix.appendChild(edits);
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
    if (added) {
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
        edits.hidden = e.target.value !== 'WRONG';
        card.querySelector('.reason').hidden = e.target.value !== 'REMOVE';
      }
    });
    return card;
  }

  function rowsPayload(section, formNode) {
    var rows = [];
    formNode.querySelectorAll('.row-card').forEach(function (card) {
      var added = card.dataset.added === '1';
      var row = { documents: attachedIds(card) };
      if (card.dataset.ref) { row.ref = card.dataset.ref; }
      var state = (section.rows || []).filter(function (r) { return r.ref === card.dataset.ref; })[0];
      var mark = added ? { value: 'ADD' } : card.querySelector('input[type=radio]:checked');
      if (!mark && !row.documents.length) { return; }
      row.mark = mark ? mark.value : null;
      var changes = {};
      section.def.fields.forEach(function (f) {
        var v = readInput(f, card.querySelector('[data-row-field="' + f.name + '"] [data-field="' + f.name + '"]'));
        var sapk = state && state.sapk ? state.sapk[f.name] : null;
        if (v !== null && (added || String(v) !== String(sapk))) { changes[f.name] = v; }
      });
      if (added) { row.values = changes; } else if (row.mark === 'WRONG') { row.corrections = changes; }
      if (row.mark === 'REMOVE') { var reason = card.querySelector('[data-reason]').value.trim(); if (reason) { row.reason = reason; } }
      rows.push(row);
    });
    return rows;
  }

  /* ---------- sections, saving, tabs ---------- */
  function markDirty(node) {
    var formNode = node && node.closest ? node.closest('form') : null;
    if (formNode) { var s = formNode.querySelector('.save-state'); s.textContent = 'Belum disimpan'; s.className = 'save-state dirty'; }
  }

  function sectionForm(section) {
    var formNode = el('form', { id: 's-' + section.id, class: 'section-form', novalidate: true, 'aria-labelledby': 'h-' + section.id });
    formNode.appendChild(el('h2', { id: 'h-' + section.id, text: section.def.title }));
    var box = el('p', { class: 'alert', role: 'alert', tabindex: '-1', hidden: true });
    formNode.appendChild(box);
    if (section.kind === 'rows') {
      var list = el('div', { class: 'rows' });
      if (!section.rows.length) { list.appendChild(el('p', { class: 'muted', text: 'Tidak ada data riwayat di SAPK.' })); }
      section.rows.forEach(function (row) { list.appendChild(rowCard(section, row, row.mark === 'ADD')); });
      formNode.appendChild(list);
      var addButton = el('button', { type: 'button', class: 'secondary', text: '+ Tambah baris ' + section.def.title.toLowerCase() });
      addButton.addEventListener('click', function () {
        var card = rowCard(section, { ref: null, sapk: null, values: {}, corrections: {}, documents: [] }, true);
        list.appendChild(card);
        markDirty(formNode);
        card.querySelector('input,select').focus();
      });
      formNode.appendChild(addButton);
    } else {
      section.def.fields.forEach(function (def) { formNode.appendChild(fieldItem(def, fieldState(section, def.name) || {}, section, section.kind)); });
    }
    var save = el('button', { type: 'submit', text: 'Simpan ' + section.def.title });
    var saved = el('span', { class: 'save-state', 'aria-live': 'polite', text: section.version ? 'Tersimpan' : '' });
    if (section.version) { saved.className = 'save-state saved'; }
    formNode.appendChild(el('div', { class: 'save-bar' }, [save, saved]));
    if (form.state === 'SUBMITTED') {
      /* A submitted form stays locked, except the items a verifier returned (and their section's save). */
      var open = returnedIn(section);
      formNode.querySelectorAll('input,select,button').forEach(function (n) {
        var item = n.closest('[data-item],[data-ref]');
        var key = item ? (item.dataset.item || item.dataset.ref) : null;
        n.disabled = !(open.length && (n === save || (key && open.indexOf(key) >= 0)));
      });
    }
    formNode.addEventListener('input', function () { markDirty(formNode); });
    formNode.addEventListener('change', function () { markDirty(formNode); if (section.kind !== 'rows') { refresh(section); } });
    formNode.addEventListener('submit', async function (e) {
      e.preventDefault();
      save.disabled = true;
      saved.textContent = 'Menyimpan…'; saved.className = 'save-state';
      var result = await Api.call('PUT', '/api/me/form/' + section.id, sectionPayload(section, formNode));
      save.disabled = false;
      showSectionErrors(formNode, box, null);
      if (result.status === 401) { toLogin(); return; }
      if (result.ok) {
        section.version = result.body.version;
        saved.textContent = 'Tersimpan ' + new Date().toLocaleTimeString('id-ID', { hour: '2-digit', minute: '2-digit' });
        saved.className = 'save-state saved';
        say(section.def.title + ' tersimpan.');
        await reloadSection(section.id);
        return;
      }
      saved.textContent = 'Belum disimpan'; saved.className = 'save-state dirty';
      if (result.body.error === 'VERSION_CONFLICT') {
        box.hidden = false;
        box.textContent = 'Data ini diubah di tab lain; muat ulang halaman agar tidak menimpa perubahan tersebut.';
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

  function showSectionErrors(formNode, box, result) {
    formNode.querySelectorAll('.error').forEach(function (e) { if (!e.closest('.docs')) { e.textContent = ''; } });
    formNode.querySelectorAll('[aria-invalid]').forEach(function (e) { e.removeAttribute('aria-invalid'); });
    if (!result) { box.hidden = true; return; }
    box.hidden = false;
    box.textContent = result.body.message || 'Terjadi kesalahan.';
    var fields = result.body.fields || {};
    var cards = formNode.querySelectorAll('.row-card');
    Object.keys(fields).forEach(function (key) {
      var m = /^rows\[(\d+)\](?:\.(\w+))?/.exec(key);
      var slot, target;
      if (m) {
        var sent = Array.prototype.filter.call(cards, function (c) { return c.dataset.added === '1' || c.querySelector('input[type=radio]:checked') || c.querySelector('.docs li'); });
        var card = sent[Number(m[1])];
        if (!card) { return; }
        slot = card.querySelector('[data-row-error="' + m[2] + '"]') || card.querySelector('[data-row-error="_row"]');
        target = card.querySelector('[data-row-field="' + m[2] + '"] [data-field]');
      } else {
        slot = formNode.querySelector('[data-error-for="' + key + '"]');
        target = formNode.querySelector('[data-item="' + key + '"] [data-field]');
      }
      if (slot) { slot.textContent = fields[key]; }
      if (target) { target.setAttribute('aria-invalid', 'true'); }
    });
    box.focus();
  }

  async function reloadSection(id) {
    var result = await Api.call('GET', '/api/me/form');
    if (!result.ok) { return; }
    form = result.body;
    documents = form.documents;
    var section = prepare(form).filter(function (s) { return s.id === id; })[0];
    var old = document.getElementById('s-' + id);
    var fresh = sectionForm(section);
    old.replaceWith(fresh);
    if (section.kind !== 'rows') { refresh(section); }
    var state = fresh.querySelector('.save-state');
    state.textContent = 'Tersimpan'; state.className = 'save-state saved';
  }

  function prepare(data) {
    var defs = {};
    catalogue.sections.forEach(function (s) { defs[s.id] = s; });
    return data.sections.map(function (s) { s.def = defs[s.id]; return s; });
  }

  function render() {
    var sections = prepare(form);
    var id = document.getElementById('identitas');
    id.innerHTML = '';
    id.appendChild(el('dl', {}, [el('dt', { text: 'Nama' }), el('dd', { text: form.nama }), el('dt', { text: 'NIP' }), el('dd', { text: form.nip }),
      el('dt', { text: 'Instansi kerja' }), el('dd', { text: form.instansiKerja }),
      el('dt', { text: 'Status formulir' }), el('dd', { text: form.state === 'SUBMITTED' ? ((form.returned || []).length ? 'Dikirim; sebagian dikembalikan untuk diperbaiki' : 'Sudah dikirim (tidak dapat diubah)') : 'Draf' })]));
    var tabs = document.getElementById('tabs');
    var panels = document.getElementById('panels');
    var order = [];
    sections.forEach(function (s) { if (order.indexOf(s.def.tab) < 0) { order.push(s.def.tab); } });
    order.forEach(function (tab, i) {
      var key = 'tab' + i;
      var button = el('button', { type: 'button', role: 'tab', id: key, 'aria-controls': 'p-' + key, 'aria-selected': i === 0 ? 'true' : 'false', tabindex: i === 0 ? '0' : '-1', text: tab });
      var panel = el('section', { role: 'tabpanel', id: 'p-' + key, class: 'panel', 'aria-labelledby': key, hidden: i !== 0 });
      sections.filter(function (s) { return s.def.tab === tab; }).forEach(function (s) { panel.appendChild(sectionForm(s)); });
      button.addEventListener('click', function () { select(button); });
      button.addEventListener('keydown', function (e) {
        var all = Array.prototype.slice.call(tabs.children);
        var at = all.indexOf(button);
        if (e.key === 'ArrowRight') { select(all[(at + 1) % all.length], true); }
        if (e.key === 'ArrowLeft') { select(all[(at - 1 + all.length) % all.length], true); }
      });
      tabs.appendChild(button);
      panels.appendChild(panel);
    });
    sections.forEach(function (s) { if (s.kind !== 'rows') { refresh(s); } });
    if (form.state === 'SUBMITTED') {
      say((form.returned || []).length
        ? (form.returned.length + ' data dikembalikan verifikator untuk Anda perbaiki (ditandai merah). Perbaiki, simpan, lalu kirim kembali dari halaman Kirim.')
        : 'Formulir sudah dikirim. Lihat halaman Progres untuk hasil verifikasi.');
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

  /* kirim.html links to #f-<section>-<field>: open its tab and focus it. */
  function focusHash() {
    var target = location.hash ? document.getElementById(location.hash.slice(1)) : null;
    if (!target) { return; }
    var panel = target.closest('[role=tabpanel]');
    select(document.getElementById(panel.getAttribute('aria-labelledby')));
    target.hidden = false;
    target.scrollIntoView();
    var focusable = target.querySelector('input,select');
    if (focusable) { focusable.focus(); }
  }

  (async function start() {
    var results = await Promise.all([Api.call('GET', '/api/form/catalogue'), Api.call('GET', '/api/me/form')]);
    if (results[1].status === 401) { toLogin(); return; }
    if (!results[0].ok || !results[1].ok) { say(results[1].body.message || 'Formulir belum dapat dimuat. Coba lagi.', true); return; }
    catalogue = results[0].body;
    catalogue.documentKinds.forEach(function (k) { kinds[k.code] = k.label; });
    form = results[1].body;
    documents = form.documents;
    render();
    window.addEventListener('hashchange', focusHash);
  })();
})();
