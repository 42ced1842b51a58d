/* masuk.html: login; keeps the tokens in sessionStorage and opens the role's first page, or the
   page that sent the PNS here (?kembali=, same-site paths only). */
(function () {
  'use strict';
  var HOME = {
    PNS: '/formulir.html',
    ADMIN_INSTANSI: '/admin/pendaftaran.html',
    ADMIN_BKN: '/admin/',
    VERIFIER_SKPD: '/beranda-petugas.html',
    VERIFIER_BKD: '/beranda-petugas.html',
    VERIFIER_BKN: '/beranda-petugas.html'
  };
  var back = Api.safeReturnPath(Forms.param('kembali'));
  // Sent here because the session ended: say why, and that unsaved edits are still here.
  if (Forms.param('sesi') === 'berakhir') {
    Forms.show(document.getElementById('sesi'), 'Sesi Anda sudah berakhir (terlalu lama tidak aktif, atau Anda keluar di '
      + 'tab/perangkat lain). Silakan masuk kembali untuk melanjutkan.'
      + (Api.drafts.sections().length ? ' Isian formulir yang belum tersimpan masih ada di perangkat ini dan dipulihkan setelah Anda masuk.' : ''));
  }
  var form = document.getElementById('masuk');
  Forms.bind(form, {
    path: function () { return '/api/auth/login'; },
    onSuccess: function (result) {
      Api.session.keep(result.body);
      location.assign(back || HOME[result.body.role] || '/');
    }
  });
})();
