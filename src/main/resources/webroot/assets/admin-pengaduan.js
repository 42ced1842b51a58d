/* Complaints of the agency (ADMIN_INSTANSI) or of every agency (ADMIN_BKN, or one picked by name), paged,
   filtered by state and NIP/name; each can be given to an officer of its agency and marked handled. */
(async function () {
  'use strict';
  var SIZE = 20;
  var el = Api.el;
  var me = await Admin.me();
  var national = me.role === 'ADMIN_BKN';
  var state = { total: 0, agency: null };
  var pager = Admin.pager(load);
  var filter = document.getElementById('saring');
  var list = document.getElementById('daftar');
  var message = document.getElementById('pesan');
  var summary = document.getElementById('ringkasan');
  var STATUS = { OPEN: 'Baru', ASSIGNED: 'Ditangani petugas', HANDLED: 'Selesai' };
  var officers = {};

  if (national) {
    document.getElementById('pilih-instansi').hidden = false;
    Monitoring.agencyPicker(document.getElementById('instansi'), document.getElementById('daftar-instansi'), function (picked) {
      state.agency = picked;
    });
  }

  function query() {
    var params = new URLSearchParams({ page: pager.page, size: SIZE });
    if (national && state.agency) { params.set('instansiId', state.agency.id); }
    var status = document.getElementById('status').value;
    var q = document.getElementById('q').value.trim();
    if (status) { params.set('status', status); }
    if (q) { params.set('q', q); }
    return '/api/admin/complaints?' + params.toString();
  }

  async function load() {
    summary.textContent = 'Memuat…';
    if (national && document.getElementById('instansi').value.trim() && !state.agency) {
      summary.textContent = '';
      Api.showErrors(filter, message, { body: { message: 'Pilih instansi dari daftar.', fields: { instansiId: 'Pilih instansi dari daftar (ketik sebagian namanya).' } } });
      return;
    }
    var result = await Admin.call('GET', query());
    if (!result.ok) {
      summary.textContent = '';
      Api.showErrors(filter, message, result);
      return;
    }
    Api.showErrors(filter, message, null);
    state.total = result.body.total;
    if (pager.pastEnd(result.body.items)) { return load(); }
    render(result.body.items);
  }

  /* The officers a complaint of this agency can be given to (by name). */
  async function officersOf(instansiId) {
    if (!officers[instansiId]) {
      var result = await Admin.call('GET', '/api/admin/officers?size=100&instansiId=' + encodeURIComponent(instansiId));
      officers[instansiId] = result.ok ? result.body.items.filter(function (o) { return !o.disabled; }) : [];
    }
    return officers[instansiId];
  }

  async function assignControl(c, li) {
    var id = 'petugas-' + c.id;
    var select = el('select', { id: id, name: 'nip' });
    select.appendChild(el('option', { value: '', text: 'Pilih petugas…' }));
    (await officersOf(c.instansiId)).forEach(function (o) {
      select.appendChild(el('option', { value: o.nip, text: o.nama, selected: c.assignee && c.assignee.nip === o.nip ? true : null }));
    });
    var save = Admin.button('Tugaskan', 'secondary', async function () {
      if (!select.value) { select.focus(); return; }
      var result = await Admin.call('PUT', '/api/admin/complaints/' + c.id + '/assignee', { nip: select.value });
      if (!result.ok) { Admin.say(message, result.body.message || 'Gagal menugaskan.', false); message.focus(); return; }
      Admin.say(message, 'Pengaduan ' + c.id + ' ditugaskan kepada ' + result.body.assignee.nama + '.', true);
      load();
    });
    li.appendChild(el('div', 'field', [el('label', { for: id, text: 'Petugas yang menangani' }), el('div', 'inline', [select, save])]));
  }

  var dialog = document.getElementById('tangani');
  var dialogForm = document.getElementById('tangani-form');
  var dialogMessage = document.getElementById('tangani-pesan');
  var handling = null;
  document.getElementById('tangani-batal').addEventListener('click', function () { dialog.close(); });
  dialogForm.addEventListener('submit', async function (event) {
    event.preventDefault();
    var result = await Admin.call('POST', '/api/admin/complaints/' + handling + '/handle', { note: document.getElementById('catatan').value.trim() });
    if (!result.ok) { Api.showErrors(dialogForm, dialogMessage, result); return; }
    dialog.close();
    Admin.say(message, 'Pengaduan ' + handling + ' selesai ditangani.' + (result.body.mailed ? ' Catatan dikirim ke email pengadu.' : ' Kontak pengadu bukan email: hubungi melalui nomor HP.'), true);
    message.focus();
    load();
  });

  function render(items) {
    list.innerHTML = '';
    summary.textContent = state.total === 0 ? 'Belum ada pengaduan.' : state.total + ' pengaduan.';
    pager.show(state.total, SIZE);
    items.forEach(function (c) {
      var li = el('li', 'card');
      li.dataset.id = c.id;
      li.appendChild(el('h3', null, [c.nama + ' ', el('span', { class: 'status', text: STATUS[c.status] || c.status })]));
      li.appendChild(Admin.details([
        ['No. pengaduan', c.id],
        ['NIP', c.nip],
        ['NIK', c.nik],
        ['Instansi', c.instansi],
        ['Kontak', c.contact],
        ['Diterima', Admin.dateTime(c.createdAt)],
        ['Petugas', c.assignee ? c.assignee.nama : '—']
      ]));
      li.appendChild(el('p', 'uraian', c.description));
      if (c.status === 'HANDLED') {
        li.appendChild(el('p', 'ok', 'Selesai ' + Admin.dateTime(c.handledAt) + (c.handledBy ? ' oleh ' + c.handledBy : '') + ': ' + c.handledNote));
      } else {
        assignControl(c, li);
        li.appendChild(el('div', 'actions', [Admin.button('Tandai selesai', null, function () {
          handling = c.id;
          document.getElementById('catatan').value = '';
          Api.showErrors(dialogForm, dialogMessage, null);
          dialog.showModal();
        })]));
      }
      list.appendChild(li);
    });
  }

  filter.addEventListener('submit', function (event) {
    event.preventDefault();
    pager.page = 1;
    load();
  });
  load();
})();
