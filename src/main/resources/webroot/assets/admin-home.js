/* Admin home: who is signed in, the agency's counts and its approval switch. */
(async function () {
  'use strict';
  var ROLE = { ADMIN_INSTANSI: 'Admin instansi', ADMIN_BKN: 'Admin BKN' };
  var me = await Admin.me();
  var form = document.getElementById('instansi-form');
  var message = document.getElementById('pesan');
  var box = document.getElementById('instansi');
  var current = null;
  document.getElementById('siapa').textContent = ROLE[me.role] + ' · NIP ' + me.nip;

  async function open(id) {
    var result = await Admin.call('GET', '/api/admin/instansi/' + encodeURIComponent(id));
    if (!result.ok) {
      Api.showErrors(form, message, result);
      return;
    }
    Api.showErrors(form, message, null);
    current = result.body;
    box.innerHTML = '';
    box.appendChild(Admin.details([
      ['Instansi', current.nama + ' (' + current.kode + ')'],
      ['Menunggu persetujuan', current.pendingRegistrations],
      ['Sudah disetujui', current.approvedRegistrations]
    ]));
    document.getElementById('required').checked = current.approvalRequired;
    document.getElementById('saklar').hidden = false;
    document.getElementById('simpan').hidden = false;
  }

  form.addEventListener('submit', async function (event) {
    event.preventDefault();
    if (!current) { return; }
    var result = await Admin.call('PUT', '/api/admin/instansi/' + current.id + '/approval',
      { required: document.getElementById('required').checked });
    if (!result.ok) { Api.showErrors(form, message, result); return; }
    await open(current.id);
    Admin.say(message, result.body.approvalRequired
      ? 'Tersimpan: pendaftaran harus disetujui admin.'
      : 'Tersimpan: PNS dapat langsung masuk tanpa persetujuan.'
        + (result.body.approvedBySwitch ? ' ' + result.body.approvedBySwitch + ' pendaftaran yang menunggu kini disetujui.' : ''), true);
    message.focus();
  });

  if (me.role === 'ADMIN_BKN') {
    document.getElementById('pilih-instansi').hidden = false;
    box.textContent = 'Isi ID instansi lalu pilih Buka.';
    document.getElementById('buka').addEventListener('click', function () {
      var id = document.getElementById('instansiId').value.trim();
      if (id) { open(id); }
    });
  } else {
    open(me.instansiId);
  }
})();
