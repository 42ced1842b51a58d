/* The home page's schedule table, from GET /api/schedule; a signed-in PNS sees its agency's windows
   (a staggered window of its agency or province, when BKN set one). */
(async function () {
  'use strict';
  var el = Api.el;
  var body = document.getElementById('jadwal');
  var path = '/api/schedule';
  if (sessionStorage.getItem('epupns.token') && sessionStorage.getItem('epupns.role') === 'PNS') {
    var me = await Api.call('GET', '/api/auth/me');
    if (me.ok && me.body.scope && me.body.scope.id) { path += '?instansiId=' + me.body.scope.id; }
  }
  var result = await Api.call('GET', path);
  body.textContent = '';
  if (!result.ok) { body.appendChild(el('tr', {}, [el('td', { colspan: '4', text: 'Jadwal belum dapat dimuat.' })])); return; }
  var staggered = false;
  ['registration', 'form', 'verification'].forEach(function (key) {
    var w = result.body[key];
    if (!w) { return; }
    staggered = staggered || w.staggered;
    body.appendChild(el('tr', {}, [w.label + (w.staggered ? ' (jadwal instansi Anda)' : ''), Api.formatDate(w.start),
      Api.formatDate(w.end), w.open ? 'Dibuka' : 'Ditutup'].map(function (text) { return el('td', { text: text }); })));
  });
  if (staggered) {
    document.getElementById('jadwal-catatan').textContent = 'Jadwal ditetapkan oleh BKN; instansi Anda mendapat jadwal bertahap.';
  }
})();
