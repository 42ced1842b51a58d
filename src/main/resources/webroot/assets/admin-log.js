/* The audit log: newest first, filtered (by agency picked by name for the national admin), in keyset pages
   ("Muat lebih banyak" asks for the next one). The API names every target and words every detail, in
   Bahasa Indonesia (labels of its enums): the page shows those, never a raw key. */
(async function () {
  'use strict';
  var me = await Admin.me();
  var national = me.role === 'ADMIN_BKN';
  var form = document.getElementById('saring');
  var box = document.getElementById('saring-pesan');
  var list = document.getElementById('daftar');
  var more = document.getElementById('lagi');
  var select = document.getElementById('action');
  var agencyInput = document.getElementById('instansi');
  var agency = null;
  var next = null;
  var chosen = false; /* the action filter's choices come with the first answer */
  if (national) {
    document.getElementById('pilih-instansi').hidden = false;
    Monitoring.agencyPicker(agencyInput, document.getElementById('daftar-instansi'), function (picked) { agency = picked; });
  } else {
    document.getElementById('cakupan').textContent = 'Tindakan petugas yang menyangkut ' + me.scope.nama + '. Terbaru di atas.';
  }

  function who(actor) {
    if (!actor.nip) { return actor.roleLabel || 'Alat baris perintah'; }
    return (actor.nama ? actor.nama + ' ' : '') + '(NIP ' + actor.nip + ')' + (actor.roleLabel ? ', ' + actor.roleLabel : '');
  }

  function card(e) {
    var li = Admin.el('li', { class: 'card', 'data-action': e.action });
    li.appendChild(Admin.el('h3', null, e.actionLabel || 'Tindakan'));
    li.appendChild(Admin.details([
      ['Waktu', Admin.dateTime(e.at)],
      ['Oleh', who(e.actor)],
      ['Sasaran', e.targetNama],
      ['Instansi', e.instansi ? e.instansi.nama : null],
      ['Rincian', e.rincian]
    ]));
    return li;
  }

  async function load(append) {
    if (national && agencyInput.value.trim() && !agency) {
      Api.showErrors(form, box, { body: { message: 'Pilih instansi dari daftar.',
        fields: { instansiId: 'Pilih instansi dari daftar (ketik sebagian namanya).' } } });
      return;
    }
    var f = Api.formJson(form);
    var params = new URLSearchParams({ size: 30 });
    ['action', 'actor', 'from', 'to'].forEach(function (k) { if (f[k]) { params.set(k, f[k]); } });
    if (national && agency) { params.set('instansiId', agency.id); }
    if (append && next) { params.set('before', next); }
    var result = await Admin.call('GET', '/api/admin/audit?' + params.toString());
    if (!result.ok) { Api.showErrors(form, box, result); return; }
    Api.showErrors(form, box, null);
    if (!chosen) {
      (result.body.actions || []).forEach(function (a) { select.appendChild(Admin.el('option', { value: a.code, text: a.label })); });
      chosen = true;
    }
    if (!append) { list.innerHTML = ''; }
    result.body.items.forEach(function (e) { list.appendChild(card(e)); });
    next = result.body.next;
    more.hidden = !next;
    document.getElementById('ringkasan').textContent = list.children.length === 0 ? 'Belum ada tindakan yang cocok.'
      : list.children.length + ' tindakan ditampilkan' + (next ? '; ada yang lebih lama.' : '.');
  }

  form.addEventListener('submit', function (event) { event.preventDefault(); load(false); });
  more.addEventListener('click', function () { load(true); });
  load(false);
})();
