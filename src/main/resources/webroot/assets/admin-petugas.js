/* Officers: appoint (one-time password shown once), list, disable and enable. */
(async function () {
  'use strict';
  var ROLE = { VERIFIER_SKPD: 'Verifikator SKPD', VERIFIER_BKD: 'Verifikator BKD', VERIFIER_BKN: 'Verifikator BKN',
    ADMIN_INSTANSI: 'Admin instansi', ADMIN_BKN: 'Admin BKN' };
  /* The scope each role needs; an agency admin's agency roles default to its own agency. */
  var SCOPE = { VERIFIER_SKPD: 'satuanKerjaId', VERIFIER_BKD: 'instansiId', ADMIN_INSTANSI: 'instansiId',
    VERIFIER_BKN: 'kanregId', ADMIN_BKN: null };
  var SIZE = 20;
  var me = await Admin.me();
  var national = me.role === 'ADMIN_BKN';
  var state = { page: 1, total: 0 };
  var form = document.getElementById('angkat');
  var formBox = document.getElementById('angkat-pesan');
  var role = document.getElementById('role');
  var list = document.getElementById('daftar');
  var message = document.getElementById('pesan');

  if (!national) {
    role.querySelectorAll('[data-national]').forEach(function (o) { o.remove(); });
  }

  function showScope() {
    var needed = SCOPE[role.value];
    form.querySelectorAll('[data-scope]').forEach(function (f) {
      var name = f.dataset.scope;
      /* An agency admin never types its own agency id. */
      f.hidden = name !== needed || (!national && name === 'instansiId');
    });
  }
  role.addEventListener('change', showScope);
  showScope();

  form.addEventListener('submit', async function (event) {
    event.preventDefault();
    var f = Api.formJson(form);
    var body = { nip: f.nip, nama: f.nama, role: f.role };
    var needed = SCOPE[f.role];
    if (needed && f[needed]) { body[needed] = f[needed]; }
    var result = await Admin.call('POST', '/api/admin/officers', body);
    var secret = document.getElementById('sandi');
    if (!result.ok) { secret.hidden = true; Api.showErrors(form, formBox, result); return; }
    Api.showErrors(form, formBox, null);
    form.reset();
    showScope();
    secret.hidden = false;
    secret.textContent = result.body.nama + ' diangkat sebagai ' + ROLE[result.body.role]
      + '. Kata sandi awal (hanya ditampilkan sekali): ' + result.body.initialPassword;
    load();
  });

  async function load() {
    var params = new URLSearchParams({ page: state.page, size: SIZE });
    var q = document.getElementById('q').value.trim();
    if (q) { params.set('q', q); }
    var result = await Admin.call('GET', '/api/admin/officers?' + params.toString());
    if (!result.ok) { Admin.say(message, result.body.message || 'Daftar tidak dapat dimuat.', false); return; }
    state.total = result.body.total;
    if (result.body.items.length === 0 && state.page > 1) { state.page--; return load(); }
    list.innerHTML = '';
    var pages = Math.max(1, Math.ceil(state.total / SIZE));
    document.getElementById('ringkasan').textContent = state.total + ' petugas.';
    document.getElementById('halaman').textContent = 'Halaman ' + state.page + ' dari ' + pages;
    document.getElementById('sebelumnya').disabled = state.page <= 1;
    document.getElementById('berikutnya').disabled = state.page >= pages;
    result.body.items.forEach(function (o) { list.appendChild(card(o)); });
  }

  function card(o) {
    var li = Admin.el('li', 'card');
    li.appendChild(Admin.el('h3', null, o.nama));
    li.appendChild(Admin.details([
      ['NIP', o.nip],
      ['Peran', ROLE[o.role] || o.role],
      ['Satuan kerja', o.satuanKerja ? o.satuanKerja.nama : null],
      ['Instansi', o.instansi ? o.instansi.nama : null],
      ['Kanreg', o.kanregId],
      ['Status', o.disabled ? 'Nonaktif' : 'Aktif']
    ]));
    if (o.nip !== me.nip) {
      var actions = Admin.el('div', 'actions');
      var action = o.disabled ? 'enable' : 'disable';
      var b = Admin.button(o.disabled ? 'Aktifkan' : 'Nonaktifkan', o.disabled ? 'secondary' : 'danger', async function () {
        b.disabled = true;
        var result = await Admin.call('POST', '/api/admin/officers/' + o.nip + '/' + action);
        Admin.say(message, result.ok ? (o.nama + (action === 'disable' ? ' dinonaktifkan; sesinya berakhir.' : ' diaktifkan kembali.'))
          : (result.body.message || 'Tidak dapat disimpan.'), result.ok);
        message.focus();
        load();
      });
      b.setAttribute('aria-label', b.textContent + ' ' + o.nama);
      actions.appendChild(b);
      li.appendChild(actions);
    }
    return li;
  }

  document.getElementById('cari').addEventListener('submit', function (event) {
    event.preventDefault();
    state.page = 1;
    load();
  });
  document.getElementById('sebelumnya').addEventListener('click', function () { state.page--; load(); });
  document.getElementById('berikutnya').addEventListener('click', function () { state.page++; load(); });
  load();
})();
