/*
 * Pages that list tasks: the counts in the status tabs and the progress bars follow the pushes in the
 * browser; when tasks change status, the table (only the table) is rendered again, at most every 1.5 s,
 * keeping its page, sort, filters and selection.
 */
(function () {
  'use strict';

  /** Updates every progress bar and message shown for a task in the push. */
  Baton.progressBars = function (m) {
    var byId = {};
    m.tasks.forEach(function (t) { byId[t.id] = t; });
    var bars = document.querySelectorAll('.bar[data-task]');
    for (var i = 0; i < bars.length; i++) {
      var t = byId[bars[i].getAttribute('data-task')];
      if (!t) {
        continue;
      }
      bars[i].querySelector('span').style.width = t.p + '%';
      bars[i].querySelector('em').textContent = t.p + ' %';
      bars[i].setAttribute('aria-valuenow', t.p);
      var msg = document.querySelector('[data-task-msg="' + t.id + '"]');
      if (msg) {
        msg.textContent = t.msg || '';
      }
    }
  };

  function counts(m) {
    var tabs = document.querySelectorAll('[data-count]');
    for (var i = 0; i < tabs.length; i++) {
      var s = tabs[i].getAttribute('data-count');
      var n = s === 'ALL' ? m.total : m.counts[s];
      if (n !== undefined) {
        tabs[i].textContent = Number(n).toLocaleString('en');
      }
    }
  }

  var refresh = Baton.throttle(function () {
    if (window.refreshTasks) {
      window.refreshTasks();
    }
  }, 1500);

  document.addEventListener('DOMContentLoaded', function () {
    if (!document.querySelector('.tasks-table')) {
      return;
    }
    Baton.on(function (m) {
      counts(m);
      Baton.progressBars(m);
      if (m.changed && m.changed.tasks) {
        refresh();
      }
    });
  });
})();
