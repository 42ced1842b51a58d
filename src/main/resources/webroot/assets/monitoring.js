/* Shared by the admin monitoring pages (home, antrean): the agency picker (by name, with autocomplete;
   no ids shown or asked), numbers and charts in plain SVG, and downloads by one-use link (streamed to disk by the browser). */
(function () {
  'use strict';
  var el = Api.el;
  var SVG = 'http://www.w3.org/2000/svg';
  var nf = new Intl.NumberFormat('id-ID');

  function number(n) { return n === null || n === undefined ? '—' : nf.format(n); }
  function percent(part, whole) { return whole ? Math.round(part * 1000 / whole) / 10 + '%' : '—'; }

  /* The agency picker of the monitoring pages: Admin.pick on the agencies (GET /api/admin/lookup/instansi);
     onPick({id, nama}) when a name is chosen, null when cleared. */
  function agencyPicker(input, list, onPick) {
    var hidden = el('input', { type: 'hidden' });
    input.parentNode.appendChild(hidden);
    Admin.pick(input, hidden, function (q) {
      return q.length < 2 ? null : '/api/admin/lookup/instansi?q=' + encodeURIComponent(q);
    }, function (id) {
      onPick(id ? { id: Number(id), nama: input.value.trim() } : null);
    });
  }

  function svg(tag, attrs, children) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { node.appendChild(c); });
    return node;
  }
  function svgText(x, y, text, anchor, cls) {
    var t = svg('text', { x: x, y: y, 'text-anchor': anchor || 'start', class: cls || 'chart-label' });
    t.textContent = text;
    return t;
  }

  /* Horizontal bars: [{label, value, of}] each as a share of `of`; width follows its container. */
  function bars(title, rows) {
    var h = 26 * rows.length + 4;
    var chart = svg('svg', { viewBox: '0 0 320 ' + h, class: 'chart', role: 'img', 'aria-label': title });
    rows.forEach(function (r, i) {
      var y = 26 * i + 2;
      var share = r.of ? Math.min(1, r.value / r.of) : 0;
      chart.appendChild(svg('rect', { x: 0, y: y + 12, width: 320, height: 9, class: 'bar-bg', rx: 2 }));
      chart.appendChild(svg('rect', { x: 0, y: y + 12, width: Math.max(share * 320, share > 0 ? 2 : 0), height: 9, class: 'bar', rx: 2 }));
      chart.appendChild(svgText(0, y + 9, r.label));
      chart.appendChild(svgText(320, y + 9, number(r.value) + ' (' + percent(r.value, r.of) + ')', 'end'));
    });
    return el('figure', 'chart-box', [chart, el('figcaption', null, title)]);
  }

  /* A line of the backlog per day ([{day, backlog}]) with a dashed forecast to the day it clears and the deadline. */
  function trend(title, points, clearsOn, deadline) {
    var W = 320;
    var H = 140;
    var pad = { l: 34, r: 8, t: 8, b: 22 };
    var days = points.map(function (p) { return new Date(p.day + 'T00:00:00Z').getTime(); });
    var end = days.length ? days[days.length - 1] : Date.now();
    var last = end;
    var forecastEnd = clearsOn ? new Date(clearsOn + 'T00:00:00Z').getTime() : null;
    var deadlineAt = deadline ? new Date(deadline + 'T00:00:00Z').getTime() : null;
    if (forecastEnd && forecastEnd > last && forecastEnd - end < 400 * 864e5) { last = forecastEnd; }
    if (deadlineAt && deadlineAt > last && deadlineAt - end < 400 * 864e5) { last = deadlineAt; }
    var first = days.length ? days[0] : end;
    if (last === first) { last = first + 864e5; }
    var max = Math.max.apply(null, [1].concat(points.map(function (p) { return p.backlog; })));
    function x(t) { return pad.l + (t - first) / (last - first) * (W - pad.l - pad.r); }
    function y(v) { return H - pad.b - v / max * (H - pad.t - pad.b); }
    var chart = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, class: 'chart', role: 'img', 'aria-label': title });
    chart.appendChild(svg('line', { x1: pad.l, y1: y(0), x2: W - pad.r, y2: y(0), class: 'axis' }));
    chart.appendChild(svgText(pad.l - 4, y(max) + 4, number(max), 'end'));
    chart.appendChild(svgText(pad.l - 4, y(0), '0', 'end'));
    if (points.length) {
      var d = points.map(function (p, i) { return (i ? 'L' : 'M') + x(days[i]).toFixed(1) + ' ' + y(p.backlog).toFixed(1); }).join(' ');
      chart.appendChild(svg('path', { d: d, class: 'line' }));
      chart.appendChild(svgText(pad.l, H - 6, points[0].day.slice(5)));
      var now = points[points.length - 1];
      chart.appendChild(svg('circle', { cx: x(end), cy: y(now.backlog), r: 3, class: 'dot' }));
      if (forecastEnd && forecastEnd > end && forecastEnd <= last) {
        chart.appendChild(svg('line', { x1: x(end), y1: y(now.backlog), x2: x(forecastEnd), y2: y(0), class: 'forecast' }));
      }
    }
    if (deadlineAt && deadlineAt <= last && deadlineAt >= first) {
      chart.appendChild(svg('line', { x1: x(deadlineAt), y1: pad.t, x2: x(deadlineAt), y2: y(0), class: 'deadline' }));
      chart.appendChild(svgText(x(deadlineAt) - 2, pad.t + 8, 'batas', 'end'));
    }
    chart.appendChild(svgText(W - pad.r, H - 6, new Date(last).toISOString().slice(5, 10), 'end'));
    return el('figure', 'chart-box', [chart, el('figcaption', null, title)]);
  }

  /* Downloads a list: GET <list>/link?<query> checks everything the list would (scope, parameters, a PDF too
     large) with the session and answers a one-use link valid for a minute; a plain <a href download> then lets
     the browser save the stream to disk itself (the list is never held in the page's memory, and the browser
     shows its progress). The server names the file (Content-Disposition). */
  async function download(path, status) {
    status.hidden = false;
    status.className = 'muted';
    status.textContent = 'Menyiapkan unduhan…';
    var q = path.indexOf('?');
    var linkPath = q < 0 ? path + '/link' : path.slice(0, q) + '/link' + path.slice(q);
    var r = await Api.call('GET', linkPath);
    if (!r.ok) {
      status.className = 'alert';
      status.textContent = (r.body && r.body.message) || 'Unduhan gagal. Coba lagi.';
      return;
    }
    var a = el('a', { href: r.body.url, download: true, hidden: true });
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { a.remove(); }, 1000);
    status.className = 'ok';
    status.textContent = 'Unduhan dimulai… Lihat daftar unduhan peramban Anda. Bila unduhan gagal, klik tombol unduh sekali lagi.';
  }

  window.Monitoring = { number: number, percent: percent, agencyPicker: agencyPicker, bars: bars, trend: trend, download: download };
})();
