/*
 * The console's live channel, shared by every page: receives the pushes (Faces WebSocket), keeps the
 * server's clock, shows the connection and the system status, hands each push to the page's views, and
 * comes back by itself after the manager restarts. No polling: the page changes when a push arrives; the
 * only timers tick ages ("0.4 s ago") between pushes and probe the manager while it is unreachable.
 */
(function () {
  'use strict';
  var Baton = (window.Baton = window.Baton || {});
  var views = [];
  var offset = 0; // server clock minus browser clock, ms
  var probe = null;
  var STORE_KEY = 'baton.disconnectedAt';

  Baton.state = null;
  Baton.pushes = 0;

  /** A view receives every push: fn(message). */
  Baton.on = function (fn) {
    views.push(fn);
    if (Baton.state) {
      safely(fn, Baton.state);
    }
  };

  /** The server's clock now (ms). */
  Baton.now = function () {
    return Date.now() + offset;
  };

  Baton.receive = function (message) {
    var m = typeof message === 'string' ? JSON.parse(message) : message;
    if (m.account) {
      // this user's role, password or account changed: the login decides what the page shows now
      Baton.banner('Your account was changed; loading the page again…', 'warn');
      setTimeout(function () { location.reload(); }, 800);
      return;
    }
    offset = m.now - Date.now();
    Baton.state = m;
    Baton.pushes++;
    Baton.lastPushAt = Date.now();
    connection('live', 'live', 'Updates arrive over a WebSocket as they happen');
    systemStatus(m);
    for (var i = 0; i < views.length; i++) {
      safely(views[i], m);
    }
  };

  Baton.opened = function () {
    connection('live', 'live', 'Updates arrive over a WebSocket as they happen');
    hideBanner();
  };

  /** The socket broke and Faces tries again by itself. */
  Baton.interrupted = function () {
    if (Baton.leaving) {
      return; // the page is being left (Firefox reports the socket's close then)
    }
    markDisconnected();
    connection('lost', 'disconnected', 'The live channel is down; reconnecting');
    Baton.banner('Disconnected from the manager since ' + clock(disconnectedAt()) + ' — reconnecting…', 'warn');
  };

  /** The socket is closed for good (the manager restarted and forgot this page's channel, or gave up). */
  Baton.closed = function () {
    if (Baton.leaving) {
      return; // the page is being left
    }
    markDisconnected();
    connection('lost', 'disconnected', 'The live channel is closed; waiting for the manager');
    Baton.banner('Disconnected from the manager since ' + clock(disconnectedAt()) + ' — reconnecting as soon as it answers…', 'warn');
    probeUntilBack();
  };

  /** An ajax request found its view gone (the manager restarted, or the session timed out). */
  Baton.viewExpired = function () {
    Baton.banner('This page had expired (the manager restarted or the session timed out); reloading it…', 'warn');
    sessionStorage.setItem('baton.expired', '1');
    setTimeout(function () { location.reload(); }, 1200);
  };

  Baton.banner = function (text, kind) {
    var b = document.getElementById('banner');
    if (!b) {
      return;
    }
    b.textContent = text;
    b.className = 'banner ' + (kind || '');
    b.hidden = false;
  };

  function hideBanner() {
    var b = document.getElementById('banner');
    if (b && !b.classList.contains('sticky')) {
      b.hidden = true;
    }
  }

  function markDisconnected() {
    if (!sessionStorage.getItem(STORE_KEY)) {
      sessionStorage.setItem(STORE_KEY, String(Date.now()));
    }
  }

  function disconnectedAt() {
    return Number(sessionStorage.getItem(STORE_KEY) || Date.now());
  }

  /** While the manager is away: ask its health every two seconds; reload the page once it is ready. */
  function probeUntilBack() {
    if (probe) {
      return;
    }
    probe = setInterval(function () {
      fetch(Baton.contextPath() + '/health/ready', { cache: 'no-store' })
        .then(function (r) {
          if (r.ok) {
            clearInterval(probe);
            location.reload();
          }
        })
        .catch(function () { /* still away */ });
    }, 2000);
  }

  Baton.contextPath = function () {
    var p = location.pathname;
    var i = p.indexOf('/console/');
    return i > 0 ? p.substring(0, i) : '';
  };

  function connection(kind, text, title) {
    var c = document.getElementById('connection');
    if (c && c.textContent !== text) {
      c.className = 'badge conn-' + kind;
      c.textContent = text;
      c.title = title;
    }
  }

  function systemStatus(m) {
    var s = document.getElementById('system-status');
    if (s && m.system) {
      if (s.textContent !== 'system ' + m.system.status) {
        s.textContent = 'system ' + m.system.status;
        s.className = 'badge sys-' + m.system.status.toLowerCase();
      }
      s.title = m.system.workers.alive + ' worker(s) alive, ' + m.system.workers.busy + ' of ' + m.system.workers.slots +
        ' slots busy; broker ' + (m.system.broker.up ? 'up' : 'DOWN') + '; Redis ' + m.system.redis.ms + ' ms';
    }
    var none = document.getElementById('no-workers');
    if (none && m.system && none.hidden !== m.system.workers.alive > 0) {
      none.hidden = m.system.workers.alive > 0;
    }
  }

  function safely(fn, m) {
    try {
      fn(m);
    } catch (e) {
      if (window.console && console.warn) {
        console.warn('console view failed on a push', e);
      }
    }
  }

  // ----------------------------------------------------------------------------------------------
  // Helpers the views share

  Baton.shortId = function (id) {
    return id ? id.substring(0, 8) : '?';
  };

  Baton.el = function (tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) {
      for (var k in attrs) {
        if (attrs[k] !== undefined && attrs[k] !== null) {
          e.setAttribute(k, attrs[k]);
        }
      }
    }
    if (text !== undefined && text !== null) {
      e.textContent = text;
    }
    return e;
  };

  Baton.json = function (id) {
    var e = typeof id === 'string' ? document.getElementById(id) : id;
    if (!e || !e.dataset.json) {
      return null;
    }
    try {
      return JSON.parse(e.dataset.json);
    } catch (x) {
      return null;
    }
  };

  function clock(ms) {
    var d = new Date(ms);
    return pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
  }
  Baton.clock = clock;

  function pad(n) {
    return (n < 10 ? '0' : '') + n;
  }

  /** "<1 s", "2.5 s", "12 s", "3 min": a healthy heartbeat reads "<1 s" and so changes nothing on the page. */
  Baton.age = function (ms) {
    if (ms < 1000) {
      return '<1 s';
    }
    if (ms < 10000) {
      return (Math.floor(ms / 500) / 2).toFixed(1) + ' s';
    }
    if (ms < 120000) {
      return Math.round(ms / 1000) + ' s';
    }
    return Math.round(ms / 60000) + ' min';
  };

  /** Calls fn at most once per `ms`, the last call winning (for re-renders asked by pushes). */
  Baton.throttle = function (fn, ms) {
    var last = 0;
    var timer = null;
    return function () {
      var wait = last + ms - Date.now();
      if (wait <= 0 && !timer) {
        last = Date.now();
        fn();
      } else if (!timer) {
        timer = setTimeout(function () {
          timer = null;
          last = Date.now();
          fn();
        }, Math.max(wait, 0));
      }
    };
  };

  // Ages tick between pushes: elements with data-since (server ms) show how long ago that was.
  setInterval(function () {
    var now = Baton.now();
    var list = document.querySelectorAll('[data-since]');
    for (var i = 0; i < list.length; i++) {
      var since = Number(list[i].getAttribute('data-since'));
      if (since > 0) {
        var text = Baton.age(now - since);
        if (list[i].textContent !== text) {
          list[i].textContent = text; // only when it changed: no layout work for nothing
        }
      }
    }
  }, 250);

  window.addEventListener('beforeunload', function () {
    Baton.leaving = true;
  });
  window.addEventListener('pagehide', function () {
    Baton.leaving = true;
  });
  window.addEventListener('pageshow', function () {
    Baton.leaving = false; // back from the browser's page cache
  });

  document.addEventListener('DOMContentLoaded', function () {
    var was = sessionStorage.getItem(STORE_KEY);
    var expired = sessionStorage.getItem('baton.expired');
    if (was) {
      sessionStorage.removeItem(STORE_KEY);
      var seconds = Math.round((Date.now() - Number(was)) / 1000);
      Baton.banner('Reconnected: the manager was unreachable for ' + seconds + ' s (it restarted), so this page was reloaded.', 'info sticky');
      setTimeout(function () { document.getElementById('banner').hidden = true; }, 15000);
    } else if (expired) {
      sessionStorage.removeItem('baton.expired');
      Baton.banner('The page had expired and was reloaded; anything you had typed is gone.', 'info sticky');
      setTimeout(function () { document.getElementById('banner').hidden = true; }, 15000);
    }
  });
})();
