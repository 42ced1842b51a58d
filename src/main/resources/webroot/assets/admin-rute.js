/* The routing table (GET /api/admin/routing): readable by every officer, the final authority of an
   item changed by ADMIN_BKN (PUT /api/admin/routing/{section}/{field}). */
(async function () {
  'use strict';
  var me = await Admin.me(['VERIFIER_SKPD', 'VERIFIER_BKD', 'VERIFIER_BKN', 'ADMIN_INSTANSI', 'ADMIN_BKN'],
    'Halaman ini untuk petugas.');
  var editable = me.role === 'ADMIN_BKN';
  var list = document.getElementById('daftar');
  var message = document.getElementById('pesan');
  var query = document.getElementById('q');
  var table = { tiers: [], items: [] };
  if (!editable) {
    document.getElementById('keterangan').textContent += ' Hanya admin BKN yang dapat mengubahnya.';
  }

  function label(code) {
    var t = table.tiers.filter(function (x) { return x.code === code; })[0];
    return t ? t.label : code;
  }

  function card(item) {
    var li = Admin.el('li', { class: 'card', 'data-item': item.section + '.' + item.field });
    li.appendChild(Admin.el('h3', null, item.label));
    li.appendChild(Admin.details([
      ['Bagian', item.section],
      ['Rute', item.route.map(label).join(' → ')],
      ['Diubah', item.changedBy ? 'NIP ' + item.changedBy + (item.changedAt ? ', ' + Admin.dateTime(item.changedAt) : '') : null]
    ]));
    if (editable) {
      var id = 'rute-' + item.section + '-' + item.field;
      var select = Admin.el('select', { id: id });
      table.tiers.forEach(function (t) {
        select.appendChild(Admin.el('option', { value: t.code, text: t.label, selected: t.code === item.finalAuthority }));
      });
      var save = Admin.button('Simpan', 'secondary', async function () {
        save.disabled = true;
        var result = await Admin.call('PUT', '/api/admin/routing/' + encodeURIComponent(item.section) + '/'
          + encodeURIComponent(item.field), { finalAuthority: select.value });
        save.disabled = false;
        if (!result.ok) { Admin.say(message, result.body.message || 'Tidak dapat disimpan.', false); return; }
        Object.assign(item, result.body);
        li.replaceWith(card(item));
        Admin.say(message, item.label + ': kewenangan akhir kini ' + label(item.finalAuthority) + '.', true);
      });
      save.setAttribute('aria-label', 'Simpan kewenangan akhir ' + item.label);
      li.appendChild(Admin.el('div', 'field', [Admin.el('label', { for: id, text: 'Kewenangan akhir ' + item.label }), select]));
      li.appendChild(Admin.el('div', 'actions', [save]));
    }
    return li;
  }

  function show() {
    var q = query.value.trim().toLowerCase();
    var items = table.items.filter(function (i) { return !q || i.label.toLowerCase().indexOf(q) >= 0 || i.field.indexOf(q) >= 0; });
    list.innerHTML = '';
    items.slice(0, 60).forEach(function (i) { list.appendChild(card(i)); });
    document.getElementById('ringkasan').textContent = items.length + ' data' + (items.length > 60 ? '; 60 pertama ditampilkan, persempit pencarian.' : '.');
  }

  var result = await Admin.call('GET', '/api/admin/routing');
  if (!result.ok) { Admin.say(message, result.body.message || 'Tabel tidak dapat dimuat.', false); return; }
  table = result.body;
  query.addEventListener('input', show);
  document.getElementById('cari').addEventListener('submit', function (e) { e.preventDefault(); show(); });
  show();
})();
