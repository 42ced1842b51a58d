/* daftar.html: cari (NIP lookup), then the registration form, then the registration number and proof. */
(function () {
  'use strict';
  var cari = document.getElementById('cari');
  var daftar = document.getElementById('daftar');
  var found = document.getElementById('ditemukan');
  var select = document.getElementById('pertanyaan');
  var own = document.getElementById('pertanyaan-sendiri');
  var ownInput = document.getElementById('securityQuestion');
  var OWN = '__sendiri__';

  (async function loadQuestions() {
    var result = await Api.call('GET', '/api/registrations/questions');
    select.innerHTML = '';
    var first = new Option('— pilih pertanyaan —', '');
    select.add(first);
    (result.ok ? result.body.questions : []).forEach(function (q) { select.add(new Option(q, q)); });
    select.add(new Option('Tulis pertanyaan sendiri…', OWN));
  })();
  select.addEventListener('change', function () {
    own.hidden = select.value !== OWN;
    ownInput.value = select.value === OWN ? '' : select.value;
    if (select.value === OWN) { ownInput.focus(); }
  });

  var captchaReady = false;
  Forms.bind(cari, {
    method: 'GET',
    path: function (body) { return '/api/pns/' + encodeURIComponent(body.nip); },
    onSuccess: function (result) {
      found.innerHTML = '';
      var p = document.createElement('p');
      p.innerHTML = 'Data di database BKN: <strong></strong><br><span></span>';
      p.querySelector('strong').textContent = result.body.nama;
      p.querySelector('span').textContent = result.body.instansi;
      found.appendChild(p);
      var note = document.createElement('p');
      note.className = 'muted';
      note.textContent = 'Bila ini bukan Anda, periksa kembali NIP yang Anda ketik.';
      found.appendChild(note);
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
        var box = cari.querySelector('[data-message]');
        var link = document.createElement('a');
        link.href = result.body.complaintUrl;
        link.textContent = 'Sampaikan pengaduan';
        box.appendChild(document.createTextNode(' '));
        box.appendChild(link);
      }
    }
  });

  Forms.bind(daftar, {
    path: function () { return '/api/registrations'; },
    onSuccess: function (result) {
      cari.hidden = true;
      daftar.hidden = true;
      document.getElementById('nomor').textContent = result.body.registrationNumber;
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
        var link = document.createElement('a');
        link.href = url;
        link.textContent = result.body.recoveryUrl ? 'Lupa nomor registrasi' : 'Sampaikan pengaduan';
        box.appendChild(document.createTextNode(' '));
        box.appendChild(link);
      }
    }
  });

  var nip = Forms.param('nip');
  if (nip) { document.getElementById('cari-nip').value = nip; }
})();
