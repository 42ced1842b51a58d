/* Reference tables: list and search, add, edit, retire/restore, import a CSV (errors by line). */
(async function () {
  'use strict';
  var COLUMNS = { sekolah: ['nama', 'jenjang', 'npsn', 'alamat'], 'unit-kesehatan': ['nama', 'jenis', 'alamat'], spesialis: ['nama'] };
  var LABELS = { nama: 'Nama', jenjang: 'Jenjang', jenis: 'Jenis', npsn: 'NPSN', alamat: 'Alamat' };
  var SIZE = 20;
  var me = await Admin.me();
  var national = me.role === 'ADMIN_BKN';
  var state = { editing: null };
  var pager = Admin.pager(load);
  var chooser = document.getElementById('pilih');
  var table = document.getElementById('tabel');
  var entry = document.getElementById('entri');
  var entryBox = document.getElementById('entri-pesan');
  var list = document.getElementById('daftar');
  var message = document.getElementById('pesan');
  var agencyId = document.getElementById('instansiId');
  Admin.pick(document.getElementById('instansi-nama'), agencyId, function (q) {
    return '/api/admin/lookup/instansi?q=' + encodeURIComponent(q);
  }, function () { pager.page = 1; load(); });

  function base() {
    var path = '/api/admin/referensi/' + table.value;
    return table.value !== 'spesialis' && national && agencyId.value ? { path: path, query: 'instansiId=' + agencyId.value } : { path: path, query: '' };
  }
  function url(suffix, extra) {
    var b = base();
    var query = [b.query, extra || ''].filter(Boolean).join('&');
    return b.path + (suffix || '') + (query ? '?' + query : '');
  }

  function showColumns() {
    var cols = COLUMNS[table.value];
    entry.querySelectorAll('[data-kolom]').forEach(function (f) { f.hidden = cols.indexOf(f.dataset.kolom) < 0; });
    document.getElementById('pilih-instansi').hidden = !national || table.value === 'spesialis';
    document.getElementById('format').textContent = 'Baris pertama: judul kolom ' + cols.join(',') + '. Baris yang benar '
      + 'disimpan; yang salah disebutkan nomor barisnya. Impor ulang berkas yang sama tidak menggandakan entri.';
    stopEditing();
  }

  function stopEditing() {
    state.editing = null;
    entry.reset();
    document.getElementById('judul-entri').textContent = 'Tambah entri';
    document.getElementById('simpan').textContent = 'Tambah';
    document.getElementById('batal').hidden = true;
  }

  entry.addEventListener('submit', async function (event) {
    event.preventDefault();
    var f = Api.formJson(entry);
    var body = {};
    COLUMNS[table.value].forEach(function (c) { body[c] = f[c] || null; });
    var editing = state.editing;
    var result = await Admin.call(editing ? 'PUT' : 'POST', url(editing ? '/' + editing.id : ''), body);
    if (!result.ok) { Api.showErrors(entry, entryBox, result); return; }
    Api.showErrors(entry, entryBox, null);
    Admin.say(message, result.body.nama + (editing ? ' disimpan.' : ' ditambahkan.'), true);
    stopEditing();
    load();
  });
  document.getElementById('batal').addEventListener('click', stopEditing);

  document.getElementById('impor').addEventListener('submit', async function (event) {
    event.preventDefault();
    var form = event.target;
    var box = document.getElementById('hasil-impor');
    var wrong = document.getElementById('baris-salah');
    var file = document.getElementById('berkas').files[0];
    wrong.innerHTML = '';
    if (!file) {
      Api.showErrors(form, box, { status: 400, body: { message: 'Periksa isian berikut.', fields: { csv: 'Pilih berkas CSV.' } } });
      return;
    }
    var text = await file.text();
    var result = await Admin.call('POST', url('/import'), { csv: text });
    if (!result.ok) { Api.showErrors(form, box, result); return; }
    Api.showErrors(form, box, null);
    var r = result.body;
    Admin.say(box, r.added + ' entri baru, ' + r.changed + ' diubah, ' + r.unchanged + ' sudah ada; '
      + r.rejected.length + ' baris ditolak.', r.rejected.length === 0);
    r.rejected.forEach(function (x) { wrong.appendChild(Admin.el('li', null, 'Baris ' + x.line + ': ' + x.message)); });
    box.focus();
    load();
  });

  async function load() {
    if (national && table.value !== 'spesialis' && !agencyId.value) {
      list.innerHTML = '';
      document.getElementById('ringkasan').textContent = 'Pilih instansi terlebih dahulu.';
      return;
    }
    var extra = new URLSearchParams({ page: pager.page, size: SIZE });
    var q = document.getElementById('q').value.trim();
    if (q) { extra.set('q', q); }
    if (document.getElementById('retired').checked) { extra.set('retired', 'true'); }
    var result = await Admin.call('GET', url('', extra.toString()));
    if (!result.ok) { Admin.say(message, result.body.message || 'Daftar tidak dapat dimuat.', false); return; }
    document.getElementById('ringkasan').textContent = result.body.total + ' entri.';
    pager.show(result.body.total, SIZE);
    list.innerHTML = '';
    result.body.items.forEach(function (e) { list.appendChild(card(e)); });
  }

  function card(e) {
    var li = Admin.el('li', { class: 'card', 'data-nama': e.nama });
    li.appendChild(Admin.el('h3', null, e.nama + (e.retired ? ' (nonaktif)' : '')));
    li.appendChild(Admin.details(COLUMNS[table.value].slice(1).map(function (c) { return [LABELS[c], e[c]]; })));
    var actions = Admin.el('div', 'actions');
    var edit = Admin.button('Ubah', 'secondary', function () {
      state.editing = e;
      COLUMNS[table.value].forEach(function (c) { var input = entry.elements[c]; if (input) { input.value = e[c] || ''; } });
      document.getElementById('judul-entri').textContent = 'Ubah entri';
      document.getElementById('simpan').textContent = 'Simpan perubahan';
      document.getElementById('batal').hidden = false;
      entry.elements.nama.focus();
    });
    edit.setAttribute('aria-label', 'Ubah ' + e.nama);
    var retire = Admin.button(e.retired ? 'Aktifkan' : 'Nonaktifkan', e.retired ? 'secondary' : 'danger', async function () {
      retire.disabled = true;
      var result = await Admin.call('POST', url('/' + e.id + (e.retired ? '/restore' : '/retire')));
      Admin.say(message, result.ok ? e.nama + (e.retired ? ' diaktifkan kembali.' : ' dinonaktifkan.') : (result.body.message || 'Gagal.'), result.ok);
      load();
    });
    retire.setAttribute('aria-label', retire.textContent + ' ' + e.nama);
    actions.appendChild(edit);
    actions.appendChild(retire);
    li.appendChild(actions);
    return li;
  }

  chooser.addEventListener('submit', function (event) { event.preventDefault(); pager.page = 1; load(); });
  table.addEventListener('change', function () { showColumns(); pager.page = 1; load(); });
  showColumns();
  load();
})();
