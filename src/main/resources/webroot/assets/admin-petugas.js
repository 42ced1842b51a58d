/* Officers: appoint (the officer gets a mailed set-password link), list, disable, enable, remove.
   Which scope a role needs comes from the API (GET /api/admin/officers/roles): the page only shows
   the name picker of that level. Agencies, work units and BKN offices are picked and shown by name. */
(async function () {
  'use strict';
  var SIZE = 20;
  var me = await Admin.me();
  var national = me.role === 'ADMIN_BKN';
  var state = { total: 0 };
  var pager = Admin.pager(load);
  var form = document.getElementById('angkat');
  var formBox = document.getElementById('angkat-pesan');
  var role = document.getElementById('role');
  var list = document.getElementById('daftar');
  var message = document.getElementById('pesan');
  var done = document.getElementById('hasil');
  var roles = {};
  var labels = {};

  var rolesResult = await Admin.call('GET', '/api/admin/officers/roles');
  (rolesResult.ok ? rolesResult.body.items : []).forEach(function (r) {
    roles[r.role] = r.scope;
    labels[r.role] = r.label;
    role.appendChild(Admin.el('option', { value: r.role, text: r.label }));
  });

  var agencyId = document.getElementById('instansiId');
  var agency = Admin.pick(document.getElementById('instansi-nama'), agencyId, function (q) {
    return '/api/admin/lookup/instansi?q=' + encodeURIComponent(q);
  }, function () { unit.clear(); });
  var unit = Admin.pick(document.getElementById('satker-nama'), document.getElementById('satuanKerjaId'), function (q) {
    var of = national ? agencyId.value : me.scope.id;
    return of ? '/api/admin/lookup/satuan-kerja?instansiId=' + of + '&q=' + encodeURIComponent(q) : null;
  });
  var office = Admin.pick(document.getElementById('kanreg-nama'), document.getElementById('kanregId'), function (q) {
    return '/api/admin/lookup/kantor-bkn?q=' + encodeURIComponent(q);
  });

  /* The pickers of the role's scope level: a work unit is found within an agency (the national admin
     picks the agency first); an agency admin's own agency needs no picking. */
  function showScope() {
    var scope = roles[role.value] || { level: 'NATIONAL', fixed: true };
    document.getElementById('pilih-instansi').hidden = !national
      || (scope.level !== 'AGENCY' && scope.level !== 'WORK_UNIT') || scope.fixed;
    document.getElementById('pilih-satker').hidden = scope.level !== 'WORK_UNIT';
    document.getElementById('pilih-kanreg').hidden = scope.level !== 'BKN_OFFICE';
  }
  role.addEventListener('change', showScope);
  showScope();

  form.addEventListener('submit', async function (event) {
    event.preventDefault();
    var f = Api.formJson(form);
    var scope = roles[f.role];
    var body = { nip: f.nip, nama: f.nama, role: f.role };
    if (f.email) { body.email = f.email; }
    if (scope && scope.field && !scope.fixed) {
      if (!f[scope.field]) {
        var fields = {};
        fields[scope.field] = 'Pilih dari daftar nama yang muncul saat mengetik.';
        Api.showErrors(form, formBox, { status: 400, body: { message: 'Periksa isian berikut.', fields: fields } });
        return;
      }
      body[scope.field] = Number(f[scope.field]);
    }
    var result = await Admin.call('POST', '/api/admin/officers', body);
    if (!result.ok) { done.hidden = true; Api.showErrors(form, formBox, result); return; }
    Api.showErrors(form, formBox, null);
    form.reset();
    agency.clear(); unit.clear(); office.clear();
    showScope();
    var link = result.body.passwordLink;
    Admin.say(done, result.body.nama + ' diangkat sebagai ' + result.body.roleLabel + '. Tautan untuk membuat kata sandi '
      + 'dikirim ke ' + link.sentTo + ' (berlaku sampai ' + Admin.dateTime(link.expiresAt) + ').', true);
    done.focus();
    load();
  });

  async function load() {
    var params = new URLSearchParams({ page: pager.page, size: SIZE });
    var q = document.getElementById('q').value.trim();
    if (q) { params.set('q', q); }
    var result = await Admin.call('GET', '/api/admin/officers?' + params.toString());
    if (!result.ok) { Admin.say(message, result.body.message || 'Daftar tidak dapat dimuat.', false); return; }
    state.total = result.body.total;
    if (pager.pastEnd(result.body.items)) { return load(); }
    list.innerHTML = '';
    document.getElementById('ringkasan').textContent = state.total + ' petugas.';
    pager.show(state.total, SIZE);
    result.body.items.forEach(function (o) { list.appendChild(card(o)); });
  }

  function act(o, path, method, text) {
    return async function (event) {
      event.target.disabled = true;
      var result = await Admin.call(method, '/api/admin/officers/' + o.nip + path);
      Admin.say(message, result.ok ? o.nama + text : (result.body.message || 'Tidak dapat disimpan.'), result.ok);
      message.focus();
      load();
    };
  }

  function card(o) {
    var li = Admin.el('li', { class: 'card', 'data-nip': o.nip });
    li.appendChild(Admin.el('h3', null, o.nama));
    li.appendChild(Admin.details([
      ['NIP', o.nip],
      ['Peran', o.roleLabel],
      ['Satuan kerja', o.satuanKerja ? o.satuanKerja.nama : null],
      ['Instansi', o.instansi ? o.instansi.nama : null],
      ['Kantor BKN', o.kanreg ? o.kanreg.nama : null],
      ['Email', o.email],
      ['Kata sandi', o.passwordSet ? 'Sudah dibuat' : 'Belum dibuat (tautan dikirim lewat email)'],
      ['Status', o.disabled ? 'Nonaktif' : 'Aktif']
    ]));
    if (o.nip === me.nip) { return li; }
    var actions = Admin.el('div', 'actions');
    var toggle = Admin.button(o.disabled ? 'Aktifkan' : 'Nonaktifkan', o.disabled ? 'secondary' : 'danger',
      act(o, o.disabled ? '/enable' : '/disable', 'POST', o.disabled ? ' diaktifkan kembali.' : ' dinonaktifkan; sesinya berakhir.'));
    toggle.setAttribute('aria-label', toggle.textContent + ' ' + o.nama);
    actions.appendChild(toggle);
    if (!o.passwordSet && !o.disabled) {
      var resend = Admin.button('Kirim ulang tautan', 'secondary', act(o, '/password-link', 'POST', ': tautan baru dikirim.'));
      resend.setAttribute('aria-label', 'Kirim ulang tautan kata sandi ' + o.nama);
      actions.appendChild(resend);
    }
    /* Removing asks once more on the same button: no browser dialog. */
    var remove = Admin.button('Berhentikan', 'danger', function () {
      if (remove.dataset.sure !== 'true') {
        remove.dataset.sure = 'true';
        remove.textContent = 'Ya, berhentikan ' + o.nama;
        return;
      }
      act(o, '', 'DELETE', ' diberhentikan; sesinya berakhir dan klaim verifikasinya dilepas.')({ target: remove });
    });
    remove.setAttribute('aria-label', 'Berhentikan ' + o.nama);
    actions.appendChild(remove);
    li.appendChild(actions);
    return li;
  }

  document.getElementById('cari').addEventListener('submit', function (event) {
    event.preventDefault();
    pager.page = 1;
    load();
  });
  load();
})();
