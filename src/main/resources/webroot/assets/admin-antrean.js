/* Antrean verifikasi: per tier the waiting submissions, oldest and median wait, the daily trend as an SVG
   line with the burn-down forecast and the deadline; per work unit (agency) or agency (national). */
(async function () {
  'use strict';
  var el = Api.el;
  var M = Monitoring;
  var me = await Admin.me();
  var national = me.role === 'ADMIN_BKN';
  var agency = null;
  var SHOWN = 50;

  function days(n) { return n === null || n === undefined ? '—' : String(n).replace('.', ',') + ' hari'; }

  async function load() {
    // The page lists the 50 that have waited longest; the server walks the medians of those only.
    var result = await Admin.call('GET', '/api/admin/backlog?top=' + SHOWN
      + (agency ? '&instansiId=' + encodeURIComponent(agency.id) : ''));
    var tiers = document.getElementById('tingkat');
    if (!result.ok) {
      tiers.replaceChildren(el('p', { class: 'alert', text: result.body.message || 'Data belum dapat dimuat.' }));
      return;
    }
    var b = result.body;
    document.getElementById('cakupan').textContent = b.scope.nama;
    document.getElementById('catatan').textContent = 'Batas akhir verifikasi: ' + Api.formatDate(b.deadline)
      + '. Laju: rata-rata ' + b.forecastDays + ' hari terakhir (formulir yang selesai di tingkat itu dikurangi yang masuk).';
    tiers.replaceChildren.apply(tiers, b.tiers.map(function (t) {
      var forecast;
      if (t.waiting === 0) {
        forecast = el('p', { class: 'ontime', text: 'Tidak ada antrean.' });
      } else if (!t.clearsOn) {
        forecast = el('p', { class: 'late', text: 'Pada laju sekarang antrean tidak berkurang.' });
      } else {
        forecast = el('p', { class: t.onTime ? 'ontime' : 'late', text: 'Perkiraan habis ' + Api.formatDate(t.clearsOn)
          + (t.onTime ? ', sebelum batas akhir.' : ', melewati batas akhir.') });
      }
      return el('section', 'card', [
        el('h3', null, 'Tingkat ' + t.label),
        Admin.details([
          ['Menunggu', M.number(t.waiting) + ' formulir'],
          ['Terlama', days(t.oldestWaitDays)],
          ['Median', days(t.medianWaitDays)],
          ['Selesai per hari', String(t.clearedPerDay).replace('.', ',')],
          ['Masuk per hari', String(t.enteredPerDay).replace('.', ',')]
        ]),
        forecast,
        M.trend('Antrean ' + t.label + ' per hari', t.trend, t.clearsOn, b.deadline)
      ]);
    }));
    var rows = b.satuanKerja || b.instansi || [];
    var count = b.satuanKerja ? b.satuanKerjaCount : b.instansiCount;
    document.getElementById('judul-rincian').textContent = (b.satuanKerja ? 'Per satuan kerja' : 'Per instansi')
      + ' (yang terlama menunggu di atas' + (count > rows.length ? '; ' + rows.length + ' dari ' + M.number(count) : '') + ')';
    var list = el('ul', 'cards');
    rows.forEach(function (r) {
      var pairs = [];
      ['SKPD', 'BKD', 'BKN'].forEach(function (tier) {
        var v = r.tiers[tier];
        if (v) { pairs.push([tier, M.number(v.waiting) + ' menunggu · terlama ' + days(v.oldestWaitDays) + ' · median ' + days(v.medianWaitDays)]); }
      });
      list.appendChild(el('li', 'card', [el('h3', null, r.nama), Admin.details(pairs)]));
    });
    document.getElementById('rincian').replaceChildren(rows.length ? list : el('p', { class: 'muted', text: 'Tidak ada antrean.' }));
  }

  if (national) {
    document.getElementById('pilih-instansi').hidden = false;
    document.getElementById('pilih').addEventListener('submit', function (e) { e.preventDefault(); });
    M.agencyPicker(document.getElementById('instansi'), document.getElementById('daftar-instansi'), function (picked) {
      agency = picked;
      load();
    });
  } else {
    document.getElementById('pilih').hidden = true;
  }
  load();
})();
