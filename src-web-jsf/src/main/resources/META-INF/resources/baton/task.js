/*
 * One task's page: its progress follows the pushes in the browser; when the task changes status (or
 * anything else about it is logged), the details (not the open dialog) are rendered again.
 */
(function () {
  'use strict';
  var refresh = Baton.throttle(function () {
    if (window.refreshTask) {
      window.refreshTask();
    }
  }, 700);

  document.addEventListener('DOMContentLoaded', function () {
    var page = document.querySelector('[data-task-page]');
    if (!page) {
      return;
    }
    var id = page.getAttribute('data-task-page');
    Baton.on(function (m) {
      Baton.progressBars(m);
      // its own events, and those of the tasks drawn in its dependency picture (their statuses are shown)
      var near = Array.prototype.map.call(document.querySelectorAll('[data-node]'), function (n) { return n.getAttribute('data-node'); });
      var mine = (m.events || []).some(function (e) { return e.task === id || near.indexOf(e.task) >= 0; });
      var changed = m.changed && (m.changed.all || (m.changed.ids || []).indexOf(id) >= 0);
      if (mine || changed) {
        refresh();
      }
    });
  });
})();
