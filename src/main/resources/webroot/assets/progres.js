/* Progress of each corrected field, tier by tier (the tiers, codes and labels, come from the API),
   values shown as the form shows them. */
(async function () {
  'use strict';
  var el = Api.el, display = FormView.display;
  var out = document.getElementById('progres');
  var TEXT = { PENDING: 'Menunggu', MS: '✓ MS', TMS: '✗ TMS', RETURN: '↩ Dikembalikan', NOT_REQUIRED: 'Tidak perlu' };
  var STATUS = { PENDING: 'Dalam verifikasi', RETURNED: 'Dikembalikan kepada Anda', TMS: 'Ditolak (TMS)',
    APPLIED: 'Sudah diterapkan ke SAPK', WITHDRAWN: 'Ditarik (data SAPK sudah benar)' };
  var results = await Promise.all([Api.call('GET', '/api/me/progress'), Api.call('GET', '/api/form/catalogue'), Api.timeZone()]);
  var result = results[0];
  if (result.status === 401) { return; }
  out.textContent = '';
  if (!result.ok) { out.appendChild(el('p', 'alert', result.body.message || 'Progres belum dapat dimuat.')); return; }
  var defs = results[1].ok ? FormView.index(results[1].body) : {};
  var p = result.body;
  if (p.state !== 'SUBMITTED') {
    out.appendChild(el('p', 'warn', 'Formulir Anda belum dikirim. Lengkapi lalu kirim dari halaman Kirim.'));
    return;
  }
  if (new URLSearchParams(location.search).get('terkirim') === '1') { out.appendChild(el('p', 'ok', 'Formulir berhasil dikirim.')); }
  out.appendChild(el('p', {}, 'Dikirim ' + Api.dateTime(p.submittedAt) + ' · status: ' + (p.status === 'COMPLETED' ? 'selesai' : 'dalam verifikasi')));
  var returned = p.fields.filter(function (f) { return f.status === 'RETURNED'; });
  if (returned.length) {
    out.appendChild(el('p', 'warn', [returned.length + ' data dikembalikan untuk Anda perbaiki. ',
      el('a', { href: '/formulir.html', text: 'Perbaiki di formulir, lalu kirim kembali' })]));
  }
  if (!p.fields.length) { out.appendChild(el('p', {}, 'Tidak ada perbaikan yang perlu diverifikasi.')); return; }

  function defOf(f, name) { var s = defs[f.section]; return s ? s.fields[name] : null; }
  /* Labels from the server name a row by its first values; its dates read the Indonesian way. */
  function label(text) { return String(text).replace(/\b(\d{4}-\d{2}-\d{2})\b/g, function (d) { return Api.formatDate(d); }); }
  function change(f) {
    if (f.action === 'REMOVE_ROW') { return 'Hapus baris' + (f.correctedValue ? ' — alasan: ' + f.correctedValue : ''); }
    if (f.action === 'ADD_ROW') {
      var values = f.correctedValue || {};
      return 'Baris baru: ' + Object.keys(values).map(function (k) {
        var def = defOf(f, k);
        return (def ? def.label : k) + ' ' + display(def, values[k]);
      }).join('; ');
    }
    var def = defOf(f, f.field);
    var fixed = display(def, f.correctedValue);
    return f.action === 'CORRECT' ? display(def, f.sapkValue) + ' → ' + fixed : fixed;
  }
  var tiers = p.tiers || [];
  var head = el('tr', {}, ['Data', 'SAPK → perbaikan'].concat(tiers.map(function (t) { return t.label; }), ['Status']).map(function (h) { return el('th', { scope: 'col', text: h }); }));
  var body = el('tbody');
  p.fields.forEach(function (f) {
    var cells = [['Data', label(f.label)], ['SAPK → perbaikan', change(f)]];
    tiers.forEach(function (t) {
      var tier = f.tiers[t.code];
      cells.push([t.label, TEXT[tier.status] + (tier.reason ? ' — ' + tier.reason : ''), 'tier ' + tier.status]);
    });
    cells.push(['Status', (STATUS[f.status] || f.status) + (f.round > 1 ? ' (kiriman ke-' + f.round + ')' : '')]);
    body.appendChild(el('tr', {}, cells.map(function (c) { return el('td', { 'data-label': c[0], class: c[2], text: c[1] }); })));
  });
  out.appendChild(el('table', { class: 'progress-table' }, [el('thead', {}, [head]), body]));
})();
