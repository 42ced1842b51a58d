(async function () {
  'use strict';
  var body = document.getElementById('jadwal');
  var result = await Api.call('GET', '/api/schedule');
  if (!result.ok) { body.innerHTML = '<tr><td colspan="4">Jadwal belum dapat dimuat.</td></tr>'; return; }
  body.innerHTML = '';
  Object.keys(result.body).forEach(function (key) {
    var w = result.body[key];
    if (!w.start) { return; } /* timeZone is not a window */
    var row = document.createElement('tr');
    [w.label, Api.formatDate(w.start), Api.formatDate(w.end), w.open ? 'Dibuka' : 'Ditutup'].forEach(function (text) {
      var cell = document.createElement('td');
      cell.textContent = text;
      row.appendChild(cell);
    });
    body.appendChild(row);
  });
})();
