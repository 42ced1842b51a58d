/* Officer home (verifiers; admins too): who is signed in, their scope, what they can do today. */
(async function () {
  'use strict';
  var ROLE = {
    VERIFIER_SKPD: 'Verifikator SKPD (satuan kerja)',
    VERIFIER_BKD: 'Verifikator BKD / Biro Kepegawaian (instansi)',
    VERIFIER_BKN: 'Verifikator BKN / Kantor Regional',
    ADMIN_INSTANSI: 'Admin instansi',
    ADMIN_BKN: 'Admin BKN (nasional)',
    PNS: 'PNS'
  };
  var me = await Admin.me(Object.keys(ROLE).filter(function (r) { return r !== 'PNS'; }),
    'Halaman ini hanya untuk petugas (verifikator dan admin).');
  var el = Admin.el;

  /* The scope as the API describes it (level and name): no role is mapped to a scope here. */
  var LEVEL = { WORK_UNIT: 'Satuan kerja', AGENCY: 'Instansi', BKN_OFFICE: 'Kantor BKN', NATIONAL: 'Cakupan' };
  function scopeLabel(m) {
    var s = m.scope || { level: 'NATIONAL', nama: 'Seluruh Indonesia' };
    var name = s.nama || '—';
    if (s.level === 'WORK_UNIT' && m.instansi) { name += ', ' + m.instansi.nama; }
    return [LEVEL[s.level] || 'Cakupan', name];
  }

  var who = document.getElementById('siapa');
  who.appendChild(el('h3', null, me.nama || ('NIP ' + me.nip)));
  who.appendChild(Admin.details([['NIP', me.nip], ['Peran', ROLE[me.role] || me.role], scopeLabel(me)]));

  var scope = scopeLabel(me)[1];
  var about = {
    VERIFIER_SKPD: 'Anda memverifikasi perbaikan data PNS di satuan kerja ' + scope + ' (tingkat SKPD).',
    VERIFIER_BKD: 'Anda memverifikasi perbaikan data PNS di instansi ' + scope + ' (tingkat BKD), setelah tingkat SKPD.',
    VERIFIER_BKN: 'Anda memverifikasi perbaikan data yang menjadi kewenangan BKN untuk instansi di wilayah ' + scope + '.',
    ADMIN_INSTANSI: 'Anda menyetujui pendaftaran PNS dan mengangkat verifikator di instansi ' + scope + '.',
    ADMIN_BKN: 'Anda memantau seluruh instansi dan mengangkat petugas.'
  };
  document.getElementById('peran-uraian').textContent = about[me.role] || '';

  var tasks = document.getElementById('daftar-tugas');
  function task(href, text, hint) {
    var li = el('li');
    var a = el('a', null, text);
    a.href = href;
    li.appendChild(a);
    if (hint) { li.appendChild(document.createTextNode(' — ' + hint)); }
    tasks.appendChild(li);
  }
  if (me.role === 'ADMIN_INSTANSI' || me.role === 'ADMIN_BKN') {
    task('/admin/', 'Beranda admin', 'persetujuan pendaftaran, petugas dan pengaduan');
  }
  task('/status.html', 'Cek status pendaftaran PNS', 'dengan NIP, untuk membantu PNS yang bertanya');
  task('/cek-bukti.html', 'Cek keaslian tanda bukti registrasi', 'dengan kode pada tanda bukti yang dicetak');

  var note = document.getElementById('verifikasi');
  if (me.role.indexOf('VERIFIER_') === 0) {
    var inbox = await Api.call('GET', '/api/inbox?size=1');
    var waiting = inbox.ok && inbox.body.counts ? inbox.body.counts.total : null;
    var box = document.getElementById('kotak-masuk');
    box.hidden = false;
    document.getElementById('jumlah-kotak').textContent = waiting === null ? '—' : String(waiting);
    task('/verifikasi/', 'Kotak masuk verifikasi', waiting === null ? 'pengajuan yang menunggu keputusan Anda'
      : waiting + ' pengajuan menunggu keputusan Anda');
    var text = '';
    var schedule = await Api.call('GET', '/api/schedule');
    if (schedule.ok && schedule.body.verification) {
      var w = schedule.body.verification;
      text += 'Jadwal verifikasi: ' + Api.formatDate(w.start) + ' s.d. ' + Api.formatDate(w.end)
        + (w.open ? ' (sedang dibuka).' : ' (ditutup).');
    }
    note.textContent = text;
  } else {
    note.hidden = true;
  }
  document.getElementById('memuat').hidden = true;
  document.getElementById('profil').hidden = false;
  document.getElementById('tugas').hidden = false;
})();
