/* The home page's schedule table, from GET /api/schedule. */
(async function () {
  'use strict';
  var el = Api.el;
  var body = document.getElementById('jadwal');
  var result = await Api.call('GET', '/api/schedule');
  body.textContent = '';
  if (!result.ok) { body.appendChild(el('tr', {}, [el('td', { colspan: '4', text: 'Jadwal belum dapat dimuat.' })])); return; }
  ['registration', 'form', 'verification'].forEach(function (key) {
    var w = result.body[key];
    if (!w) { return; }
    body.appendChild(el('tr', {}, [w.label, Api.formatDate(w.start), Api.formatDate(w.end), w.open ? 'Dibuka' : 'Ditutup']
      .map(function (text) { return el('td', { text: text }); })));
  });
})();
