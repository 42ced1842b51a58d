/* Admin home (dashboard): the campaign's counts for the admin's agency or, for the national admin, the
   country or an agency picked by name; the per-tier queues; the lists to download; the approval switch. */
(async function () {
  'use strict';
  var ROLE = { ADMIN_INSTANSI: 'Admin instansi', ADMIN_BKN: 'Admin BKN' };
  var TIERS = [['SKPD', 'SKPD'], ['BKD', 'BKD'], ['BKN', 'BKN / Kanreg']];
  var el = Api.el;
  var M = Monitoring;
  var me = await Admin.me();
  var national = me.role === 'ADMIN_BKN';
  var agency = national ? null : { id: me.scope && me.scope.id, nama: me.scope && me.scope.nama };
  var form = document.getElementById('instansi-form');
  var message = document.getElementById('pesan');
  var box = document.getElementById('instansi-rincian');
  var current = null;
  document.getElementById('siapa').textContent = ROLE[me.role] + (agency && agency.nama ? ' · ' + agency.nama : '') + ' · NIP ' + me.nip;

  function table(caption, head, rows) {
    var t = el('table', 'data');
    t.appendChild(el('caption', { class: 'sr-only', text: caption }));
    var tr = el('tr');
    head.forEach(function (h, i) { tr.appendChild(el('th', { scope: 'col', class: i ? 'num' : null, text: h })); });
    t.appendChild(el('thead', null, [tr]));
    var body = el('tbody');
    rows.forEach(function (r) {
      var row = el('tr');
      r.forEach(function (c, i) { row.appendChild(el(i ? 'td' : 'th', { scope: i ? null : 'row', class: i ? 'num' : null, text: String(c) })); });
      body.appendChild(row);
    });
    t.appendChild(body);
    // Scrolls sideways on a phone: reachable and named for keyboard and screen-reader users.
    return el('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption }, [t]);
  }

  function waiting(c) { return c.pending.SKPD + c.pending.BKD + c.pending.BKN; }

  var LIMIT = 20;

  function row(r) {
    return [r.nama, M.number(r.counts.pns), M.number(r.counts.registered), M.number(r.counts.submitted), M.number(waiting(r.counts))];
  }

  async function loadStats() {
    // Nationally the server picks the agencies with the longest queues (all 600+ are not needed here).
    var path = '/api/admin/stats' + (national && agency ? '?instansiId=' + encodeURIComponent(agency.id)
      : national ? '?top=' + LIMIT : '');
    var result = await Admin.call('GET', path);
    var summary = document.getElementById('ringkasan');
    if (!result.ok) {
      summary.textContent = '';
      summary.appendChild(el('p', { class: 'alert', text: result.body.message || 'Data belum dapat dimuat.' }));
      return;
    }
    var s = result.body;
    var t = s.total;
    document.getElementById('cakupan').textContent = '· ' + s.scope.nama;
    summary.textContent = '';
    summary.appendChild(el('dl', 'stats', [
      el('div', null, [el('dt', null, 'PNS di SAPK'), el('dd', null, M.number(t.pns))]),
      el('div', null, [el('dt', null, 'Terdaftar'), el('dd', null, M.number(t.registered))]),
      el('div', null, [el('dt', null, 'Disetujui'), el('dd', null, M.number(t.approved))]),
      el('div', null, [el('dt', null, 'Mengirim formulir'), el('dd', null, M.number(t.submitted))]),
      el('div', null, [el('dt', null, 'Selesai diverifikasi'), el('dd', null, M.number(t.completed))]),
      el('div', null, [el('dt', null, 'Belum ikut (belum mendaftar)'), el('dd', null, M.number(t.notParticipating))])
    ]));
    summary.appendChild(M.bars('Keikutsertaan dari seluruh PNS di SAPK', [
      { label: 'Terdaftar', value: t.registered, of: t.pns },
      { label: 'Mengirim formulir', value: t.submitted, of: t.pns },
      { label: 'Selesai diverifikasi', value: t.completed, of: t.pns }
    ]));
    var d = t.decisions || {};
    document.getElementById('tingkat').replaceChildren(table('Antrean dan keputusan per tingkat',
      ['Tingkat', 'Menunggu', 'Item', 'MS', 'TMS', 'Kembali'],
      TIERS.map(function (tier) {
        var v = d[tier[0]] || { ms: '—', tms: '—', returned: '—' };
        return [tier[1], M.number(t.pending[tier[0]]), M.number(t.pendingItems[tier[0]]), M.number(v.ms), M.number(v.tms), M.number(v.returned)];
      })), el('p', { class: 'muted', text: 'Item selesai: ' + M.number(t.items.ms) + ' diterima (MS), ' + M.number(t.items.tms)
        + ' ditolak (TMS), ' + M.number(t.items.returned) + ' dikembalikan ke PNS.' }));
    var head = ['PNS', 'Terdaftar', 'Dikirim', 'Menunggu'];
    document.getElementById('per-kanreg').hidden = !s.kanreg;
    if (s.kanreg) {
      document.getElementById('kanreg').replaceChildren(table('Per kantor BKN (Kanreg)', ['Kantor BKN'].concat(head),
        s.kanreg.map(row)));
    }
    var rows = s.satuanKerja || s.instansi || [];
    var count = s.satuanKerja ? rows.length : (s.instansiCount || rows.length);
    var sorted = rows.slice().sort(function (a, b) { return waiting(b.counts) - waiting(a.counts) || a.nama.localeCompare(b.nama); });
    document.getElementById('judul-rincian').textContent = (s.satuanKerja ? 'Per satuan kerja' : 'Per instansi')
      + (count > LIMIT ? ' (' + LIMIT + ' dengan antrean terbanyak dari ' + M.number(count) + ')' : '');
    document.getElementById('rincian').replaceChildren(table('Rincian', [s.satuanKerja ? 'Satuan kerja' : 'Instansi'].concat(head),
      sorted.slice(0, LIMIT).map(row)));
  }

  /* ---------- downloads of the agency's lists ---------- */
  var status = document.getElementById('unduh-status');
  var absentees = document.getElementById('belum-ikut-form');
  var unitInput = document.getElementById('satker');
  var unitId = document.getElementById('satker-id');
  var unitPick = Admin.pick(unitInput, unitId, function (q) {
    return agency ? '/api/admin/lookup/satuan-kerja?instansiId=' + encodeURIComponent(agency.id) + '&q=' + encodeURIComponent(q) : null;
  });
  function lists() {
    var ready = !!agency;
    ['nominatif-csv', 'nominatif-pdf', 'belum-ikut', 'satker'].forEach(function (id) { document.getElementById(id).disabled = !ready; });
    unitPick.clear();
    document.getElementById('unduh-catatan').textContent = ready ? 'Daftar ' + agency.nama + '.' : 'Pilih instansi untuk mengunduh daftarnya.';
  }
  function query() { return 'instansi=' + encodeURIComponent(agency.id); }
  document.getElementById('nominatif-csv').addEventListener('click', function () {
    M.download('/api/admin/nominatif?' + query() + '&format=csv', status);
  });
  document.getElementById('nominatif-pdf').addEventListener('click', function () {
    M.download('/api/admin/nominatif?' + query() + '&format=pdf', status);
  });
  /* The PNS who have not taken part, of the agency or one of its work units (picked by name), in the states ticked. */
  absentees.addEventListener('submit', function (event) {
    event.preventDefault();
    var states = Array.prototype.map.call(absentees.querySelectorAll('input[name=status]:checked'), function (c) { return c.value; });
    var fields = {};
    if (unitInput.value.trim() && !unitId.value) { fields.satuanKerjaId = 'Pilih satuan kerja dari daftar (ketik sebagian namanya), atau kosongkan.'; }
    if (!states.length) { fields.status = 'Centang sedikitnya satu keadaan.'; }
    if (Object.keys(fields).length) {
      Api.showErrors(absentees, status, { status: 400, body: { message: 'Periksa isian berikut.', fields: fields } });
      status.hidden = false;
      return;
    }
    Api.showErrors(absentees, status, null);
    var params = query() + '&status=' + states.join(',') + (unitId.value ? '&satuanKerjaId=' + encodeURIComponent(unitId.value) : '');
    M.download('/api/admin/nonpeserta?' + params, status);
  });

  /* ---------- the agency's approval switch ---------- */
  async function open() {
    document.getElementById('instansi-kosong').hidden = !!agency;
    document.getElementById('saklar').hidden = true;
    document.getElementById('simpan').hidden = true;
    box.textContent = '';
    current = null;
    if (!agency) { return; }
    var result = await Admin.call('GET', '/api/admin/instansi/' + encodeURIComponent(agency.id));
    if (!result.ok) { Api.showErrors(form, message, result); return; }
    Api.showErrors(form, message, null);
    current = result.body;
    box.appendChild(Admin.details([
      ['Instansi', current.nama + ' (' + current.kode + ')'],
      ['Menunggu persetujuan', current.pendingRegistrations],
      ['Sudah disetujui', current.approvedRegistrations]
    ]));
    document.getElementById('required').checked = current.approvalRequired;
    document.getElementById('saklar').hidden = false;
    document.getElementById('simpan').hidden = false;
  }
  form.addEventListener('submit', async function (event) {
    event.preventDefault();
    if (!current) { return; }
    var result = await Admin.call('PUT', '/api/admin/instansi/' + current.id + '/approval',
      { required: document.getElementById('required').checked });
    if (!result.ok) { Api.showErrors(form, message, result); return; }
    await open();
    Admin.say(message, result.body.approvalRequired
      ? 'Tersimpan: pendaftaran harus disetujui admin.'
      : 'Tersimpan: PNS dapat langsung masuk tanpa persetujuan.'
        + (result.body.approvedBySwitch ? ' ' + result.body.approvedBySwitch + ' pendaftaran yang menunggu kini disetujui.' : ''), true);
    message.focus();
  });

  function show() {
    lists();
    loadStats();
    open();
  }
  if (national) {
    document.getElementById('pilih-instansi').hidden = false;
    document.getElementById('pilih').addEventListener('submit', function (e) { e.preventDefault(); });
    M.agencyPicker(document.getElementById('instansi'), document.getElementById('daftar-instansi'), function (picked) {
      agency = picked;
      show();
    });
  }
  show();
})();
