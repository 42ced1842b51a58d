/* cek-bukti.html?code=: checks whether a printed proof of registration is genuine. */
(function () {
  'use strict';
  var el = Api.el;
  var form = document.getElementById('cek');
  var out = document.getElementById('hasil');
  var LABELS = [['registrationNumber', 'Nomor registrasi'], ['nip', 'NIP'], ['nama', 'Nama'], ['instansi', 'Instansi'],
    ['satuanKerja', 'Unit kerja'], ['registeredAt', 'Waktu registrasi'], ['status', 'Status']];
  var STATUS = { PENDING_APPROVAL: 'Menunggu persetujuan', APPROVED: 'Disetujui', REJECTED: 'Ditolak', RESET: 'Direset' };
  Forms.bind(form, {
    method: 'GET',
    path: function (body) { return '/api/proofs/verify?code=' + encodeURIComponent(body.code); },
    onSuccess: async function (result) {
      var b = result.body;
      await Api.timeZone();
      document.getElementById('vonis').textContent = b.valid ? 'ASLI: tanda bukti ini diterbitkan e-PUPNS dan pendaftarannya aktif.'
        : 'TIDAK BERLAKU: ' + b.reason;
      out.className = b.valid ? 'ok' : 'alert';
      out.setAttribute('data-valid', String(b.valid));
      var dl = document.getElementById('rincian');
      dl.textContent = '';
      LABELS.forEach(function (pair) {
        if (!b[pair[0]]) { return; }
        dl.appendChild(el('dt', { text: pair[1] }));
        dl.appendChild(el('dd', { text: pair[0] === 'status' ? (STATUS[b.status] || b.status)
          : pair[0] === 'registeredAt' ? Api.dateTime(b.registeredAt) : b[pair[0]] }));
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
