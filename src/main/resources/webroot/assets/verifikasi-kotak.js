/* The verifier's inbox: submissions waiting at the caller's tier in its scope, oldest first, with filters,
   counts and paging (keyset: "Muat berikutnya" asks for the page after the last one shown). */
(async function () {
  'use strict';
  var me = await Admin.me(['VERIFIER_SKPD', 'VERIFIER_BKD', 'VERIFIER_BKN'],
    'Kotak masuk verifikasi hanya untuk verifikator SKPD, BKD dan BKN.');
  var el = Admin.el;
  var form = document.getElementById('saring');
  var list = document.getElementById('daftar');
  var more = document.getElementById('berikutnya');
  var message = document.getElementById('pesan');
  var next = null;
  var units = {};
  var LEVEL = { WORK_UNIT: 'satuan kerja', AGENCY: 'instansi', BKN_OFFICE: 'kantor BKN' };
  var TIER = { VERIFIER_SKPD: 'SKPD', VERIFIER_BKD: 'BKD', VERIFIER_BKN: 'BKN / Kanreg' };
  document.getElementById('tingkat').textContent = 'Tingkat ' + TIER[me.role] + ' · '
    + (LEVEL[me.scope.level] || '') + ' ' + (me.scope.nama || '');

  var sectionTitles = {};
  var catalogue = await Api.call('GET', '/api/form/catalogue');
  if (catalogue.ok) {
    var select = document.getElementById('section');
    catalogue.body.sections.forEach(function (s) {
      sectionTitles[s.id] = s.title;
      select.appendChild(el('option', null, s.title)).value = s.id;
    });
  }

  /* BKD: work units of the agency, by name (the API takes the id). */
  if (me.role === 'VERIFIER_BKD') {
    var box = document.getElementById('pilih-satker');
    var input = document.getElementById('satker');
    var options = document.getElementById('satker-daftar');
    box.hidden = false;
    var timer = null;
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(async function () {
        var found = await Api.call('GET', '/api/ref/satuan-kerja?instansiId=' + me.scope.id + '&q=' + encodeURIComponent(input.value));
        if (!found.ok) { return; }
        options.innerHTML = '';
        found.body.items.forEach(function (u) { units[u.nama] = u.id; options.appendChild(el('option')).value = u.nama; });
      }, 250);
    });
  }

  function query(after) {
    var values = Api.formJson(form);
    var params = new URLSearchParams();
    Object.keys(values).forEach(function (k) { if (values[k]) { params.set(k, values[k]); } });
    var unit = document.getElementById('satker').value.trim();
    if (unit) { params.set('satuanKerjaId', units[unit] || unit); }
    params.set('size', '25');
    if (after) { params.set('after', after); }
    return '/api/inbox?' + params.toString();
  }

  function card(s) {
    var li = el('li', 'card');
    var h = el('h3');
    var a = el('a', null, s.nama);
    a.href = '/verifikasi/periksa.html?id=' + s.submissionId;
    h.appendChild(a);
    li.appendChild(h);
    var claim = s.claim ? (s.claim.mine ? 'Sedang Anda kerjakan' : 'Sedang dikerjakan ' + (s.claim.nama || s.claim.nip)) : 'Belum diambil';
    li.appendChild(Admin.details([['NIP', s.nip], ['Satuan kerja', s.satuanKerja.nama], ['Dikirim', Admin.dateTime(s.submittedAt)],
      ['Menunggu', s.pending + ' data (' + s.sections.map(function (x) { return sectionTitles[x] || x; }).join(', ') + ')']]));
    li.appendChild(el('span', 'claim ' + (s.claim ? (s.claim.mine ? 'mine' : 'other') : ''), claim));
    return li;
  }

  async function load(after) {
    var result = await Admin.call('GET', query(after));
    if (!after) { list.innerHTML = ''; }
    Api.showErrors(form, message, result.ok ? null : result);
    if (!result.ok) { return; }
    var body = result.body;
    body.items.forEach(function (s) { list.appendChild(card(s)); });
    next = body.next;
    more.hidden = !next;
    document.getElementById('kosong').hidden = list.children.length > 0;
    if (body.counts) {
      var c = body.counts;
      document.getElementById('jumlah').textContent = c.total + ' pengajuan menunggu · ' + c.unclaimed + ' belum diambil · '
        + c.mine + ' sedang Anda kerjakan' + (c.matching !== c.total ? ' · ' + c.matching + ' sesuai saringan' : '');
    }
  }

  form.addEventListener('submit', function (e) { e.preventDefault(); load(null); });
  form.addEventListener('reset', function () { setTimeout(function () { load(null); }, 0); });
  more.addEventListener('click', function () { load(next); });
  if (new URLSearchParams(location.search).get('selesai')) {
    message.hidden = false;
    message.className = 'ok';
    message.textContent = 'Keputusan tersimpan. Tidak ada pengajuan lain yang belum diambil.';
  }
  await load(null);
})();
