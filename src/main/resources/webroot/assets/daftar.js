/* daftar.html: cari (NIP lookup), then the registration form, then the registration number and proof. */
(function () {
  'use strict';
  var cari = document.getElementById('cari');
  var daftar = document.getElementById('daftar');
  var found = document.getElementById('ditemukan');
  var group = document.getElementById('pertanyaan');
  var own = document.getElementById('pertanyaan-sendiri');
  var ownInput = document.getElementById('securityQuestion');
  var OWN = '__sendiri__';
  var el = Api.el;

  /* The questions as radio buttons: a long question wraps instead of being cut off. */
  (async function loadQuestions() {
    var result = await Api.call('GET', '/api/registrations/questions');
    group.querySelector('[data-loading]').remove();
    var slot = group.querySelector('.error');
    (result.ok ? result.body.questions : []).concat([OWN]).forEach(function (q, i) {
      var radio = el('input', { type: 'radio', name: 'pilihPertanyaan', value: q, id: 'pertanyaan-' + i,
        'data-focus-for': i === 0 ? 'securityQuestion' : null });
      group.insertBefore(el('label', { for: radio.id }, [radio, el('span', { text: q === OWN ? 'Tulis pertanyaan sendiri…' : q })]), slot);
    });
  })();
  group.addEventListener('change', function (event) {
    var value = event.target.value;
    own.hidden = value !== OWN;
    ownInput.value = value === OWN ? '' : value;
    if (value === OWN) { ownInput.focus(); }
  });

  var captchaReady = false;
  Forms.bind(cari, {
    method: 'GET',
    path: function (body) { return '/api/pns/' + encodeURIComponent(body.nip); },
    onSuccess: function (result) {
      found.textContent = '';
      found.appendChild(el('p', {}, ['Data di database BKN: ', el('strong', { text: result.body.nama }), el('br'),
        el('span', { text: result.body.instansi })]));
      found.appendChild(el('p', 'muted', 'Bila ini bukan Anda, periksa kembali NIP yang Anda ketik.'));
      Forms.show(found);
      daftar.querySelector('input[name=nip]').value = result.body.nip;
      daftar.hidden = false;
      if (!captchaReady) { Forms.setupCaptchas(daftar); captchaReady = true; }
      document.getElementById('nik').focus();
    },
    onFailure: function (result) {
      found.hidden = true;
      daftar.hidden = true;
      if (result.body.complaintUrl) {
        cari.querySelector('[data-message]').appendChild(el('p', {}, [el('a', { href: result.body.complaintUrl, text: 'Sampaikan pengaduan' })]));
      }
    }
  });

  Forms.bind(daftar, {
    path: function () { return '/api/registrations'; },
    body: function (body) { delete body.pilihPertanyaan; return body; },
    onSuccess: function (result) {
      cari.hidden = true;
      daftar.hidden = true;
      Forms.showNumber(document.getElementById('nomor'), result.body.registrationNumber);
      // What comes next depends on whether the agency must approve first (the API's status).
      var next = document.getElementById('langkah');
      next.setAttribute('data-status', result.body.status);
      next.textContent = result.body.status === 'APPROVED'
        ? 'Anda sudah dapat masuk sekarang dengan nomor registrasi dan kata sandi Anda. Simpan tanda bukti registrasi.'
        : 'Pendaftaran Anda menunggu persetujuan bagian kepegawaian instansi Anda. Cetak tanda bukti registrasi lalu serahkan '
          + 'ke bagian kepegawaian; setelah disetujui, masuk dengan nomor registrasi dan kata sandi Anda.';
      var unduh = document.getElementById('unduh');
      unduh.href = result.body.proofUrl;
      unduh.setAttribute('download', 'tanda-bukti-' + result.body.registrationNumber + '.pdf');
      var done = document.getElementById('berhasil');
      Forms.show(done);
      done.focus();
    },
    onFailure: function (result) {
      var box = daftar.querySelector('[data-message]');
      var url = result.body.recoveryUrl || result.body.complaintUrl;
      if (url) {
        box.appendChild(el('p', {}, [el('a', { href: url, text: result.body.recoveryUrl ? 'Lupa nomor registrasi' : 'Sampaikan pengaduan' })]));
      }
    }
  });

  var nip = Forms.param('nip');
  if (nip) { document.getElementById('cari-nip').value = nip; }
})();
