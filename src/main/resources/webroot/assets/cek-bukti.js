/* cek-bukti.html?code=: checks whether a printed proof of registration is genuine. */
(function () {
  'use strict';
  var form = document.getElementById('cek');
  var out = document.getElementById('hasil');
  var LABELS = [['registrationNumber', 'Nomor registrasi'], ['nip', 'NIP'], ['nama', 'Nama'], ['instansi', 'Instansi'],
    ['satuanKerja', 'Unit kerja'], ['registeredAt', 'Waktu registrasi'], ['status', 'Status']];
  var STATUS = { PENDING_APPROVAL: 'Menunggu persetujuan', APPROVED: 'Disetujui', REJECTED: 'Ditolak', RESET: 'Direset' };
  Forms.bind(form, {
    method: 'GET',
    path: function (body) { return '/api/proofs/verify?code=' + encodeURIComponent(body.code); },
    onSuccess: function (result) {
      var b = result.body;
      var verdict = document.getElementById('vonis');
      verdict.textContent = b.valid ? 'ASLI: tanda bukti ini diterbitkan e-PUPNS dan pendaftarannya aktif.'
        : 'TIDAK BERLAKU: ' + b.reason;
      out.className = b.valid ? 'ok' : 'alert';
      out.setAttribute('data-valid', String(b.valid));
      var dl = document.getElementById('rincian');
      dl.innerHTML = '';
      LABELS.forEach(function (pair) {
        if (!b[pair[0]]) { return; }
        var dt = document.createElement('dt');
        dt.textContent = pair[1];
        var dd = document.createElement('dd');
        dd.textContent = pair[0] === 'status' ? (STATUS[b.status] || b.status)
          : pair[0] === 'registeredAt' ? new Date(b.registeredAt).toLocaleString('id-ID') : b[pair[0]];
        dl.appendChild(dt);
        dl.appendChild(dd);
      });
      Forms.show(out);
      out.focus();
    },
    onFailure: function () { out.hidden = true; }
  });
  var code = Forms.param('code');
  if (code) {
    document.getElementById('code').value = code;
    form.requestSubmit();
  }
})();
