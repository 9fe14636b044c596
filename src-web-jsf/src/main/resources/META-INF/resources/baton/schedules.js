/*
 * The schedules list: a tick fired, skipped, or a schedule changed elsewhere renders it again (at most once
 * a second); the form is left alone.
 */
(function () {
  'use strict';
  var refresh = Baton.throttle(function () {
    if (window.refreshSchedules) {
      window.refreshSchedules();
    }
  }, 1000);

  document.addEventListener('DOMContentLoaded', function () {
    Baton.on(function (m) {
      if ((m.events || []).some(function (e) { return e.type.indexOf('schedule.') === 0; })) {
        refresh();
      }
    });
  });
})();
