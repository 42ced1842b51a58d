/* The approval list: search, page, approve (one tap, undoable the same day); reject and reset ask for
   a reason in a dialog. Decided registrations show who decided and when, in the campaign's time zone. */
(async function () {
  'use strict';
  var STATUS = { PENDING_APPROVAL: 'Menunggu persetujuan', APPROVED: 'Disetujui', REJECTED: 'Ditolak', RESET: 'Di-reset' };
  var SIZE = 20;
  var me = await Admin.me();
  var national = me.role === 'ADMIN_BKN';
  var state = { total: 0, agency: null };
  var pager = Admin.pager(load);
  var search = document.getElementById('cari');
  var list = document.getElementById('daftar');
  var message = document.getElementById('pesan');
  var summary = document.getElementById('ringkasan');
  var dialog = document.getElementById('dialog-alasan');
  var reasonForm = document.getElementById('form-alasan');
  var reasonBox = document.getElementById('dialog-pesan');
  var pending = null; /* the decision the dialog is asking a reason for */
  var zoneLabel = '';
  var zoneKnown = Api.call('GET', '/api/schedule').then(function (r) {
    if (r.ok && r.body.timeZone) { zoneLabel = r.body.timeZone.label; }
  });

  /* The API writes times with the campaign's offset (2015-09-01T16:03:00+07:00): show that wall-clock
     time and the zone's label, whatever the browser's own zone. */
  function when(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso || '');
    if (!m) { return '—'; }
    var months = ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'];
    return Number(m[3]) + ' ' + months[Number(m[2]) - 1] + ' ' + m[1] + ', ' + m[4] + '.' + m[5] + (zoneLabel ? ' ' + zoneLabel : '');
  }

  /* "Disetujui oleh": the bureau officer (name and NIP), or the agency's setting for automatic approval. */
  function decider(r) {
    if (r.decidedAutomatically) { return 'Otomatis (instansi tanpa persetujuan)'; }
    if (!r.decidedBy) { return null; }
    return (r.decidedByNama ? r.decidedByNama + ', ' : '') + 'NIP ' + r.decidedBy;
  }

  /* The national admin narrows the list to one agency picked by name (no id asked). */
  if (national) {
    document.getElementById('pilih-instansi').hidden = false;
    Monitoring.agencyPicker(document.getElementById('instansi'), document.getElementById('daftar-instansi'), function (picked) {
      state.agency = picked;
    });
  }

  function query() {
    var f = Api.formJson(search);
    var params = new URLSearchParams({ status: f.status, page: pager.page, size: SIZE });
    if (f.q) { params.set('q', f.q); }
    if (national && state.agency) { params.set('instansiId', state.agency.id); }
    return '/api/admin/registrations?' + params.toString();
  }

  async function load() {
    summary.textContent = 'Memuat…';
    if (national && document.getElementById('instansi').value.trim() && !state.agency) {
      summary.textContent = '';
      Api.showErrors(search, message, { body: { message: 'Pilih instansi dari daftar.',
        fields: { instansiId: 'Pilih instansi dari daftar (ketik sebagian namanya).' } } });
      return;
    }
    await zoneKnown;
    var result = await Admin.call('GET', query());
    if (!result.ok) {
      summary.textContent = '';
      Api.showErrors(search, message, result);
      return;
    }
    state.total = result.body.total;
    if (pager.pastEnd(result.body.items)) { return load(); }
    render(result.body.items);
  }

  function render(items) {
    list.innerHTML = '';
    summary.textContent = state.total === 0 ? 'Tidak ada pendaftaran yang cocok.'
      : state.total + ' pendaftaran ditemukan.';
    pager.show(state.total, SIZE);
    items.forEach(function (r) { list.appendChild(card(r)); });
  }

  function card(r) {
    var li = Admin.el('li', 'card');
    li.dataset.nip = r.nip;
    var title = Admin.el('h3', null, r.nama);
    li.appendChild(title);
    li.appendChild(Admin.details([
      ['NIP', r.nip],
      ['No. registrasi', r.registrationNumber],
      ['Satuan kerja', r.satuanKerja.nama],
      ['Instansi', r.instansi.nama],
      ['Email', r.email],
      ['Mendaftar', when(r.createdAt)],
      ['Status', STATUS[r.status] || r.status]
    ].concat(r.statusReason ? [['Alasan', r.statusReason]] : [])
      .concat(r.status !== 'PENDING_APPROVAL' && decider(r) ? [
        [r.status === 'APPROVED' ? 'Disetujui oleh' : 'Diputuskan oleh', decider(r)],
        [r.status === 'APPROVED' ? 'Disetujui pada' : 'Diputuskan pada', when(r.decidedAt)]] : [])));
    if (!national) {
      var actions = Admin.el('div', 'actions');
      var label = ' ' + r.nama + ' (' + r.nip + ')';
      if (r.status === 'PENDING_APPROVAL') {
        var ok = Admin.button('Setujui', null, function () { approve(r, ok); });
        ok.setAttribute('aria-label', 'Setujui' + label);
        actions.appendChild(ok);
        var no = Admin.button('Tolak', 'danger', function () { ask('reject', r, no); });
        no.setAttribute('aria-label', 'Tolak' + label);
        actions.appendChild(no);
      }
      if (r.undoableUntil) {
        var undo = Admin.button('Batalkan persetujuan', 'secondary', function () { undoApproval(r, undo); });
        undo.setAttribute('aria-label', 'Batalkan persetujuan' + label);
        actions.appendChild(undo);
      }
      if (r.status === 'PENDING_APPROVAL' || r.status === 'APPROVED') {
        var reset = Admin.button('Reset', 'secondary', function () { ask('reset', r, reset); });
        reset.setAttribute('aria-label', 'Reset' + label);
        actions.appendChild(reset);
      }
      li.appendChild(actions);
    }
    return li;
  }

  /* One tap approves; the message offers to undo it (so does the approved list, the same day). */
  async function approve(r, button) {
    button.disabled = true;
    var result = await Admin.call('POST', '/api/admin/registrations/' + r.nip + '/approve');
    button.disabled = false;
    done(result, 'Pendaftaran ' + r.nama + ' disetujui.');
    if (result.ok && result.body.undoableUntil) {
      var undo = Admin.button('Batalkan', 'secondary', function () { undoApproval(r, undo); });
      undo.id = 'batalkan';
      undo.setAttribute('aria-label', 'Batalkan persetujuan ' + r.nama + ' (' + r.nip + ')');
      message.appendChild(document.createTextNode(' '));
      message.appendChild(undo);
    }
  }

  async function undoApproval(r, button) {
    button.disabled = true;
    var result = await Admin.call('POST', '/api/admin/registrations/' + r.nip + '/undo-approve');
    button.disabled = false;
    done(result, 'Persetujuan ' + r.nama + ' dibatalkan: pendaftaran kembali menunggu persetujuan.');
  }

  function ask(decision, r, opener) {
    pending = { decision: decision, registration: r, opener: opener };
    document.getElementById('dialog-judul').textContent = decision === 'reject' ? 'Tolak pendaftaran' : 'Reset pendaftaran';
    document.getElementById('dialog-siapa').textContent = r.nama + ' — NIP ' + r.nip + ', No. ' + r.registrationNumber;
    document.getElementById('dialog-kirim').textContent = decision === 'reject' ? 'Tolak' : 'Reset';
    reasonForm.reset();
    Api.showErrors(reasonForm, reasonBox, null);
    dialog.showModal();
    document.getElementById('reason').focus();
  }

  function closeDialog() {
    dialog.close();
    if (pending && pending.opener && document.body.contains(pending.opener)) { pending.opener.focus(); }
  }

  reasonForm.addEventListener('submit', async function (event) {
    event.preventDefault();
    var r = pending.registration;
    var send = document.getElementById('dialog-kirim');
    send.disabled = true;
    var result = await Admin.call('POST', '/api/admin/registrations/' + r.nip + '/' + pending.decision,
      { reason: document.getElementById('reason').value.trim() });
    send.disabled = false;
    if (result.status === 400) {
      Api.showErrors(reasonForm, reasonBox, result);
      document.getElementById('reason').focus();
      return;
    }
    closeDialog();
    done(result, 'Pendaftaran ' + r.nama + (pending.decision === 'reject' ? ' ditolak.' : ' di-reset. NIP dapat didaftarkan kembali.'));
  });
  document.getElementById('dialog-batal').addEventListener('click', closeDialog);

  function done(result, text) {
    if (result.ok) {
      Admin.say(message, text, true);
    } else {
      Admin.say(message, result.body.message || 'Keputusan tidak dapat disimpan.', false);
    }
    message.focus();
    load();
  }

  search.addEventListener('submit', function (event) {
    event.preventDefault();
    pager.page = 1;
    Api.showErrors(search, message, null);
    load();
  });
  load();
})();
