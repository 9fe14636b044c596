/*
 * The queues list: a queue changed, or its tasks moved (started, ended, held back), renders it again (at most
 * once a second); the form is left alone.
 */
(function () {
  'use strict';
  var refresh = Baton.throttle(function () {
    if (window.refreshQueues) {
      window.refreshQueues();
    }
  }, 1000);

  document.addEventListener('DOMContentLoaded', function () {
    Baton.on(function (m) {
      if ((m.events || []).some(function (e) { return e.type.indexOf('queue.') === 0 || e.type.indexOf('task.') === 0; })) {
        refresh();
      }
    });
  });
})();
