/* The campaign schedule: the national windows (ADMIN_BKN edits them) and the staggered ones. */
(async function () {
  'use strict';
  var KEYS = ['registration', 'form', 'verification'];
  var me = await Admin.me();
  var national = me.role === 'ADMIN_BKN';
  var message = document.getElementById('pesan');
  var windows = document.getElementById('jendela');
  var staggered = document.getElementById('daftar-bertahap');
  var add = document.getElementById('tambah-bertahap');
  if (!national) {
    document.getElementById('keterangan').textContent = 'Jadwal yang berlaku bagi PNS ' + me.scope.nama + '. Jadwal ditetapkan oleh BKN.';
  }
  /* Agencies and provinces are picked by name; their ids stay in the hidden inputs. */
  var agencyPick = Admin.pick(document.getElementById('b-instansi'), document.getElementById('b-instansiId'), function (q) {
    return '/api/admin/lookup/instansi?q=' + encodeURIComponent(q);
  });
  var provincePick = Admin.pick(document.getElementById('b-provinsi'), document.getElementById('b-provinsiKode'), function (q) {
    return '/api/admin/lookup/provinsi?q=' + encodeURIComponent(q);
  });

  /* Who changed a national window last, and when (the campaign zone); nothing for a staggered one. */
  function changedText(w) {
    if (w.staggered || !('changedBy' in w)) { return null; }
    if (!w.changedBy) { return 'Belum pernah diubah: jadwal awal kampanye.'; }
    return 'Diubah oleh ' + (w.changedBy.nama || 'petugas') + ' (NIP ' + w.changedBy.nip + ') pada ' + Api.dateTime(w.changedAt) + '.';
  }

  function show(schedule) {
    windows.innerHTML = '';
    KEYS.forEach(function (key) {
      var w = schedule.windows[key];
      var li = Admin.el('li', { class: 'card', 'data-window': key });
      li.appendChild(Admin.el('h3', null, w.label + (w.open ? ' — dibuka' : ' — ditutup')));
      var changed = changedText(w);
      if (changed) { li.appendChild(Admin.el('p', { class: 'muted changed', text: changed })); }
      if (!national) {
        li.appendChild(Admin.details([['Dibuka', Api.formatDate(w.start)], ['Ditutup', Api.formatDate(w.end)]]));
      } else {
        var form = Admin.el('form', { novalidate: true });
        var box = Admin.el('div', { role: 'status', 'aria-live': 'polite', tabindex: '-1', hidden: true });
        form.appendChild(box);
        [['start', 'Dibuka', w.start], ['end', 'Ditutup', w.end]].forEach(function (f) {
          var id = key + '-' + f[0];
          var input = Admin.el('input', { id: id, name: f[0], type: 'date', value: f[2] });
          form.appendChild(Admin.el('div', 'field', [Admin.el('label', { for: id, text: f[1] + ' (' + w.label + ')' }), input,
            Admin.el('span', { class: 'error', 'data-error-for': f[0] })]));
        });
        var save = Admin.el('button', { type: 'submit', text: 'Simpan jadwal ' + w.label.toLowerCase() });
        form.appendChild(save);
        form.addEventListener('submit', async function (event) {
          event.preventDefault();
          var result = await Admin.call('PUT', '/api/admin/schedule/' + key, Api.formJson(form));
          if (!result.ok) { Api.showErrors(form, box, result); return; }
          Admin.say(message, 'Jadwal ' + w.label.toLowerCase() + ' disimpan dan berlaku segera.', true);
          show(result.body);
          message.focus();
        });
        li.appendChild(form);
      }
      windows.appendChild(li);
    });
    staggered.innerHTML = '';
    schedule.overrides.forEach(function (o) {
      var who = o.instansi ? o.instansi.nama : 'Provinsi ' + (o.provinsiNama || '—');
      var li = Admin.el('li', 'card');
      li.appendChild(Admin.el('h3', null, o.label + ': ' + who));
      li.appendChild(Admin.details([['Dibuka', Api.formatDate(o.start)], ['Ditutup', Api.formatDate(o.end)]]));
      if (o.changedBy) {
        li.appendChild(Admin.el('p', { class: 'muted changed', text: 'Ditetapkan oleh ' + (o.changedByNama || 'petugas')
          + ' (NIP ' + o.changedBy + ') pada ' + Api.dateTime(o.changedAt) + '.' }));
      }
      var remove = Admin.button('Hapus', 'danger', async function () {
        var path = '/api/admin/schedule/' + o.window + (o.instansi ? '/instansi/' + o.instansi.id : '/provinsi/' + o.provinsiKode);
        var result = await Admin.call('DELETE', path);
        Admin.say(message, result.ok ? 'Jadwal bertahap ' + who + ' dihapus.' : (result.body.message || 'Gagal.'), result.ok);
        if (result.ok) { show(result.body); }
      });
      remove.setAttribute('aria-label', 'Hapus jadwal bertahap ' + o.label + ' ' + who);
      li.appendChild(Admin.el('div', 'actions', [remove]));
      staggered.appendChild(li);
    });
    document.getElementById('bertahap').hidden = !national;
  }

  add.addEventListener('submit', async function (event) {
    event.preventDefault();
    var f = Api.formJson(add);
    var box = document.getElementById('bertahap-pesan');
    var target = f.instansiId ? '/instansi/' + f.instansiId : (f.provinsi ? '/provinsi/' + f.provinsi : null);
    if (!target) {
      Api.showErrors(add, box, { status: 400, body: { message: 'Periksa isian berikut.', fields: { id: 'Pilih instansi atau provinsi dari daftar (ketik sebagian namanya).' } } });
      return;
    }
    var result = await Admin.call('PUT', '/api/admin/schedule/' + f.window + target, { start: f.start, end: f.end });
    if (!result.ok) { Api.showErrors(add, box, result); return; }
    Api.showErrors(add, box, null);
    add.reset();
    agencyPick.clear();
    provincePick.clear();
    Admin.say(message, 'Jadwal bertahap ditetapkan.', true);
    show(result.body);
  });

  var result = await Admin.call('GET', '/api/admin/schedule');
  if (!result.ok) { Admin.say(message, result.body.message || 'Jadwal tidak dapat dimuat.', false); return; }
  show(result.body);
})();
