/* pengaduan.html: complaint for a NIP not in SAPK, with agency autocomplete. */
(function () {
  'use strict';
  var form = document.getElementById('aduan');
  var done = document.getElementById('hasil');
  var search = document.getElementById('cari-instansi');
  var list = document.getElementById('daftar-instansi');
  var chosen = form.querySelector('input[name=instansiId]');
  var byName = {};
  var timer = null;
  search.addEventListener('input', function () {
    chosen.value = byName[search.value] || '';
    clearTimeout(timer);
    var q = search.value.trim();
    if (q.length < 2 || chosen.value) { return; }
    // Wait for a pause in typing: fewer requests on a slow link.
    timer = setTimeout(async function () {
      var result = await Api.call('GET', '/api/instansi?q=' + encodeURIComponent(q));
      if (!result.ok) { return; }
      list.innerHTML = '';
      result.body.items.forEach(function (item) {
        byName[item.nama] = String(item.id);
        var option = document.createElement('option');
        option.value = item.nama;
        list.appendChild(option);
      });
      chosen.value = byName[search.value] || '';
    }, 300);
  });
  Forms.setupCaptchas(form);
  Forms.bind(form, {
    path: function () { return '/api/complaints'; },
    body: function (body) {
      if (!body.instansiId) { delete body.instansiId; body.instansi = search.value.trim(); }
      return body;
    },
    onSuccess: function (result) {
      form.hidden = true;
      Forms.show(done, result.body.message);
      done.focus();
    }
  });
  var nip = Forms.param('nip');
  if (nip) { document.getElementById('nip').value = nip; }
})();
