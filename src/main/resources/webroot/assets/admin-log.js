/* The audit log: newest first, filtered, in keyset pages ("Muat lebih banyak" asks for the next one). */
(async function () {
  'use strict';
  var ACTIONS = {
    OFFICER_CREATE: 'Petugas diangkat', OFFICER_UPDATE: 'Peran petugas diubah', OFFICER_DISABLE: 'Petugas dinonaktifkan',
    OFFICER_ENABLE: 'Petugas diaktifkan', OFFICER_REMOVE: 'Petugas diberhentikan', OFFICER_PASSWORD_SET: 'Kata sandi petugas dibuat',
    APPROVAL_SWITCH: 'Pengaturan persetujuan instansi', REGISTRATION_APPROVE: 'Pendaftaran disetujui',
    REGISTRATION_REJECT: 'Pendaftaran ditolak', REGISTRATION_RESET: 'Pendaftaran di-reset',
    REGISTRATION_UNDO_APPROVE: 'Persetujuan dibatalkan', ROUTE_CHANGE: 'Tabel rute diubah',
    SCHEDULE_CHANGE: 'Jadwal diubah', AGENCY_WINDOW_SET: 'Jadwal khusus ditetapkan', AGENCY_WINDOW_CLEAR: 'Jadwal khusus dihapus',
    REFERENCE_ADD: 'Referensi ditambah', REFERENCE_EDIT: 'Referensi diubah', REFERENCE_RETIRE: 'Referensi dinonaktifkan',
    REFERENCE_RESTORE: 'Referensi diaktifkan', REFERENCE_IMPORT: 'Referensi diimpor'
  };
  var me = await Admin.me();
  var form = document.getElementById('saring');
  var box = document.getElementById('saring-pesan');
  var list = document.getElementById('daftar');
  var more = document.getElementById('lagi');
  var select = document.getElementById('action');
  var next = null;
  Object.keys(ACTIONS).forEach(function (k) { select.appendChild(Admin.el('option', { value: k, text: ACTIONS[k] })); });
  if (me.role !== 'ADMIN_BKN') {
    document.getElementById('cakupan').textContent = 'Tindakan petugas yang menyangkut ' + me.scope.nama + '. Terbaru di atas.';
  }

  function describe(e) {
    var d = e.details || {};
    if (d.from !== undefined && d.to !== undefined && typeof d.from !== 'object') { return String(d.from) + ' → ' + String(d.to); }
    if (d.after && d.after.role) { return 'Peran baru: ' + d.after.role; }
    if (d.role) { return 'Peran: ' + d.role; }
    if (d.nama) { return d.nama; }
    if (d.added !== undefined) { return d.added + ' baru, ' + d.changed + ' diubah, ' + d.rejected + ' baris ditolak'; }
    return null;
  }

  function card(e) {
    var li = Admin.el('li', { class: 'card', 'data-action': e.action });
    li.appendChild(Admin.el('h3', null, ACTIONS[e.action] || e.action));
    li.appendChild(Admin.details([
      ['Waktu', Admin.dateTime(e.at)],
      ['Oleh', e.actor.nip ? (e.actor.nama || '') + ' (NIP ' + e.actor.nip + ')' : 'Alat baris perintah'],
      ['Sasaran', e.targetNama || e.target],
      ['Instansi', e.instansi ? e.instansi.nama : null],
      ['Rincian', describe(e)]
    ]));
    return li;
  }

  async function load(append) {
    var f = Api.formJson(form);
    var params = new URLSearchParams({ size: 30 });
    ['action', 'actor', 'from', 'to'].forEach(function (k) { if (f[k]) { params.set(k, f[k]); } });
    if (append && next) { params.set('before', next); }
    var result = await Admin.call('GET', '/api/admin/audit?' + params.toString());
    if (!result.ok) { Api.showErrors(form, box, result); return; }
    Api.showErrors(form, box, null);
    if (!append) { list.innerHTML = ''; }
    result.body.items.forEach(function (e) { list.appendChild(card(e)); });
    next = result.body.next;
    more.hidden = !next;
    document.getElementById('ringkasan').textContent = list.children.length === 0 ? 'Belum ada tindakan yang cocok.'
      : list.children.length + ' tindakan ditampilkan' + (next ? '; ada yang lebih lama.' : '.');
  }

  form.addEventListener('submit', function (event) { event.preventDefault(); load(false); });
  more.addEventListener('click', function () { load(true); });
  load(false);
})();
