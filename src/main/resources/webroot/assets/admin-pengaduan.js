/* Complaints of the agency (ADMIN_INSTANSI) or of every agency (ADMIN_BKN, optionally one), paged. */
(async function () {
  'use strict';
  var SIZE = 20;
  var me = await Admin.me();
  var national = me.role === 'ADMIN_BKN';
  var state = { page: 1, total: 0 };
  var filter = document.getElementById('saring');
  var list = document.getElementById('daftar');
  var message = document.getElementById('pesan');
  var summary = document.getElementById('ringkasan');

  if (national) { filter.hidden = false; }

  function query() {
    var params = new URLSearchParams({ page: state.page, size: SIZE });
    var instansi = document.getElementById('instansiId').value.trim();
    if (national && instansi) { params.set('instansiId', instansi); }
    return '/api/admin/complaints?' + params.toString();
  }

  async function load() {
    summary.textContent = 'Memuat…';
    var result = await Admin.call('GET', query());
    if (!result.ok) {
      summary.textContent = '';
      Api.showErrors(filter, message, result);
      return;
    }
    Api.showErrors(filter, message, null);
    state.total = result.body.total;
    if (result.body.items.length === 0 && state.page > 1) { state.page--; return load(); }
    render(result.body.items);
  }

  function render(items) {
    list.innerHTML = '';
    var pages = Math.max(1, Math.ceil(state.total / SIZE));
    summary.textContent = state.total === 0 ? 'Belum ada pengaduan.' : state.total + ' pengaduan.';
    document.getElementById('halaman').textContent = 'Halaman ' + state.page + ' dari ' + pages;
    document.getElementById('sebelumnya').disabled = state.page <= 1;
    document.getElementById('berikutnya').disabled = state.page >= pages;
    items.forEach(function (c) {
      var li = Admin.el('li', 'card');
      li.dataset.id = c.id;
      li.appendChild(Admin.el('h3', null, c.nama));
      li.appendChild(Admin.details([
        ['No. pengaduan', c.id],
        ['NIP', c.nip],
        ['NIK', c.nik],
        ['Instansi', c.instansi],
        ['Kontak', c.contact],
        ['Diterima', Admin.dateTime(c.createdAt)]
      ]));
      li.appendChild(Admin.el('p', 'uraian', c.description));
      list.appendChild(li);
    });
  }

  filter.addEventListener('submit', function (event) {
    event.preventDefault();
    state.page = 1;
    load();
  });
  document.getElementById('sebelumnya').addEventListener('click', function () { state.page--; load(); });
  document.getElementById('berikutnya').addEventListener('click', function () { state.page++; load(); });
  load();
})();
