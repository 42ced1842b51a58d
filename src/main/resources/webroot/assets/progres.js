/* Progress of each corrected field, tier by tier; the tiers (codes and labels) come from the API. */
(async function () {
  'use strict';
  var out = document.getElementById('progres');
  var TEXT = { PENDING: 'Menunggu', MS: '✓ MS', TMS: '✗ TMS', RETURN: '↩ Dikembalikan', NOT_REQUIRED: 'Tidak perlu' };
  var STATUS = { PENDING: 'Dalam verifikasi', RETURNED: 'Dikembalikan kepada Anda', TMS: 'Ditolak (TMS)',
    APPLIED: 'Sudah diterapkan ke SAPK', WITHDRAWN: 'Ditarik (data SAPK sudah benar)' };
  var result = await Api.call('GET', '/api/me/progress');
  if (result.status === 401) { location.href = '/masuk.html?kembali=/progres.html'; return; }
  out.innerHTML = '';
  function node(tag, text, cls) { var n = document.createElement(tag); if (text !== undefined) { n.textContent = text; } if (cls) { n.className = cls; } return n; }
  if (!result.ok) { out.appendChild(node('p', result.body.message || 'Progres belum dapat dimuat.', 'alert')); return; }
  var p = result.body;
  if (p.state !== 'SUBMITTED') {
    out.appendChild(node('p', 'Formulir Anda belum dikirim. Lengkapi lalu kirim dari halaman Kirim.', 'warn'));
    return;
  }
  if (location.search.indexOf('terkirim=1') >= 0) { out.appendChild(node('p', 'Formulir berhasil dikirim.', 'ok')); }
  out.appendChild(node('p', 'Dikirim ' + new Date(p.submittedAt).toLocaleString('id-ID') + ' · status: '
    + (p.status === 'COMPLETED' ? 'selesai' : 'dalam verifikasi')));
  var returned = p.fields.filter(function (f) { return f.status === 'RETURNED'; });
  if (returned.length) {
    var back = node('p', returned.length + ' data dikembalikan untuk Anda perbaiki. ', 'warn');
    var link = node('a', 'Perbaiki di formulir, lalu kirim kembali');
    link.href = '/formulir.html';
    back.appendChild(link);
    out.appendChild(back);
  }
  if (!p.fields.length) { out.appendChild(node('p', 'Tidak ada perbaikan yang perlu diverifikasi.')); return; }
  var table = node('table', undefined, 'progress-table');
  var head = node('thead');
  var hr = node('tr');
  var tiers = p.tiers || [];
  ['Data', 'Perbaikan'].concat(tiers.map(function (t) { return t.label; }), ['Status']).forEach(function (h) { var th = node('th', h); th.scope = 'col'; hr.appendChild(th); });
  head.appendChild(hr);
  table.appendChild(head);
  var body = node('tbody');
  function show(v) {
    if (v === null || v === undefined) { return '—'; }
    if (typeof v === 'object') { return v.nama || Object.keys(v).map(function (k) { return v[k]; }).join(', '); }
    return String(v);
  }
  p.fields.forEach(function (f) {
    var tr = node('tr');
    var cells = [['Data', f.label], ['Perbaikan', f.action === 'REMOVE_ROW' ? 'Hapus baris' : show(f.correctedValue)]];
    tiers.forEach(function (t) {
      var tier = f.tiers[t.code];
      cells.push([t.label, TEXT[tier.status] + (tier.reason ? ' — ' + tier.reason : ''), 'tier ' + tier.status]);
    });
    cells.push(['Status', (STATUS[f.status] || f.status) + (f.round > 1 ? ' (kiriman ke-' + f.round + ')' : '')]);
    cells.forEach(function (c) { var td = node('td', c[1], c[2]); td.setAttribute('data-label', c[0]); tr.appendChild(td); });
    body.appendChild(tr);
  });
  table.appendChild(body);
  out.appendChild(table);
})();
