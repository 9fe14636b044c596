/*
 * The charts (Chart.js, shipped with PrimeFaces): drawn once from the page's ten minutes, then each push
 * adds or updates its points in the browser; nothing is rendered again on the server.
 */
(function () {
  'use strict';
  var WINDOW = 600;
  var charts = [];

  function clock(t) {
    var d = new Date(t * 1000);
    return d.toISOString().substring(11, 19);
  }

  function make(id, series) {
    var canvas = document.getElementById(id);
    var chart = new Chart(canvas, {
      type: 'line',
      data: {
        datasets: series.map(function (s) {
          return { label: s.label, data: [], borderColor: s.color, backgroundColor: s.color, borderWidth: 2, pointRadius: 0, pointStyle: 'line',
            borderDash: s.dash || [], spanGaps: true, tension: 0.2, parsing: false };
        })
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'nearest', axis: 'x', intersect: false },
        scales: {
          x: { type: 'linear', ticks: { callback: clock, maxTicksLimit: 6 }, title: { display: true, text: 'time (UTC)' } },
          y: { beginAtZero: true }
        },
        plugins: { legend: { position: 'bottom', labels: { usePointStyle: true, pointStyle: 'line' } } }
      }
    });
    charts.push({ chart: chart, series: series });
  }

  function add(points) {
    charts.forEach(function (c) {
      c.series.forEach(function (s, i) {
        var data = c.chart.data.datasets[i].data;
        points.forEach(function (p) {
          var y = p[s.key] === undefined ? null : p[s.key];
          var last = data.length ? data[data.length - 1] : null;
          if (!last || last.x < p.t) {
            data.push({ x: p.t, y: y });
            return;
          }
          // a second already drawn: its numbers may have grown since (counts of a second complete after it)
          for (var k = data.length - 1; k >= 0 && k >= data.length - 12; k--) {
            if (data[k].x === p.t) {
              data[k].y = y === null ? data[k].y : y;
              return;
            }
          }
        });
        var newest = data.length ? data[data.length - 1].x : 0;
        while (data.length && data[0].x < newest - WINDOW) {
          data.shift();
        }
      });
      var now = Math.floor(Baton.now() / 1000);
      c.chart.options.scales.x.min = now - WINDOW;
      c.chart.options.scales.x.max = now;
      c.chart.update('none');
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    if (!document.getElementById('charts') || typeof Chart === 'undefined') {
      return;
    }
    make('chart-throughput', [
      { key: 'done', label: 'completed / s', color: '#15803d' },
      { key: 'failed', label: 'failed / s', color: '#b91c1c', dash: [6, 4] }
    ]);
    make('chart-queue', [
      { key: 'waiting', label: 'waiting', color: '#64748b', dash: [6, 4] },
      { key: 'running', label: 'running', color: '#2563eb' }
    ]);
    make('chart-start', [
      { key: 's50', label: 'p50', color: '#2563eb' },
      { key: 's95', label: 'p95', color: '#c2410c', dash: [6, 4] }
    ]);
    make('chart-finish', [
      { key: 'f50', label: 'p50', color: '#15803d' },
      { key: 'f95', label: 'p95', color: '#c2410c', dash: [6, 4] }
    ]);
    add(Baton.json('charts') || []);
    // A point a second: drawing more often than that shows nothing new.
    var waiting = [];
    var draw = Baton.throttle(function () {
      var points = waiting;
      waiting = [];
      add(points);
    }, 1000);
    Baton.on(function (m) {
      waiting = waiting.concat(m.chart || []);
      draw();
    });
  });
})();
