/* Shared by the form pages: a value shown the way the PNS reads it (option labels, Indonesian
   dates, a unit's path), from the field catalogue's definition of its field. */
(function () {
  'use strict';
  /* A chosen reference row: a unit's path and eselon, else its name. */
  function refLabel(item) {
    return (item.jalur || item.nama) + (item.eselon ? ' (eselon ' + item.eselon + ')' : '');
  }
  function display(def, value) {
    if (value === null || value === undefined || value === '') { return '—'; }
    if (typeof value === 'object' && value.nama) { return refLabel(value); }
    if (def && def.options) {
      var o = def.options.filter(function (x) { return String(x.value) === String(value); })[0];
      if (o) { return o.label; }
    }
    if (def && def.type === 'boolean') { return value === true || value === 'true' ? 'Ya' : 'Tidak'; }
    if (def && def.type === 'date') { return Api.formatDate(value); }
    if (typeof value === 'object') { return Object.keys(value).map(function (k) { return value[k]; }).join(', '); }
    return String(value);
  }
  /* Field definitions by section id and name, from GET /api/form/catalogue. */
  function index(catalogue) {
    var out = {};
    catalogue.sections.forEach(function (s) {
      out[s.id] = { def: s, fields: {} };
      s.fields.forEach(function (f) { out[s.id].fields[f.name] = f; });
    });
    return out;
  }
  window.FormView = { display: display, refLabel: refLabel, index: index };
})();
