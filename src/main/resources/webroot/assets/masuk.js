/* masuk.html: login; keeps the tokens in sessionStorage and opens the role's first page. */
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
  /* ?kembali=/path (set by a signed-in page that found no session): only a path of this site. */
  function back() {
    var target = new URLSearchParams(location.search).get('kembali');
    return target && /^\/(?![\/\\])/.test(target) ? target : null;
  }
  var form = document.getElementById('masuk');
  Forms.bind(form, {
    path: function () { return '/api/auth/login'; },
    onSuccess: function (result) {
      sessionStorage.setItem('epupns.token', result.body.token);
      sessionStorage.setItem('epupns.refreshToken', result.body.refreshToken);
      sessionStorage.setItem('epupns.role', result.body.role);
      location.assign(back() || HOME[result.body.role] || '/');
    },
    onFailure: function (result) {
      var box = form.querySelector('[data-message]');
      if (result.status === 429) {
        var wait = result.headers && result.headers.get('Retry-After');
        box.textContent = 'Terlalu banyak percobaan masuk. Tunggu ' + (wait ? wait + ' detik' : 'sebentar')
          + ', lalu coba lagi.';
      } else if (result.status === 401 && result.body.retryAfter) {
        box.textContent = result.body.message + ' Tunggu ' + result.body.retryAfter + ' detik, lalu coba lagi.';
      }
    }
  });
})();
