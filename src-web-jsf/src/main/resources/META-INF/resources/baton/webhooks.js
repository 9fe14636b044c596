/*
 * The webhooks page: a delivery follows the event it carries by a moment (and is not an event itself), so
 * the list is rendered again a second and four seconds after events arrive (at most once every two seconds);
 * the form is left alone.
 */
(function () {
  'use strict';
  var refresh = Baton.throttle(function () {
    if (window.refreshWebhooks && document.querySelector('[data-webhook]')) {
      window.refreshWebhooks();
    }
  }, 2000);
  var later = [];

  document.addEventListener('DOMContentLoaded', function () {
    Baton.on(function (m) {
      if ((m.events || []).length > 0) {
        later.forEach(clearTimeout);
        later = [setTimeout(refresh, 1000), setTimeout(refresh, 4000)];
      }
    });
  });
})();
