/*
 * The event list: new events from the pushes are added at the top in the browser (with the page's
 * filters), unless the flow is paused or the page shows older events. Paused, it counts what it holds back;
 * resuming renders the newest page again.
 */
(function () {
  'use strict';
  var MAX_ROWS = 200;
  var paused = false;
  var heldBack = 0;

  function filters() {
    var list = document.getElementById('eventsForm:list');
    return {
      kind: list.getAttribute('data-filter-kind') || '',
      task: (list.getAttribute('data-filter-task') || '').trim().toLowerCase(),
      worker: (list.getAttribute('data-filter-worker') || '').trim(),
      newest: list.getAttribute('data-at-newest') === 'true'
    };
  }

  function matches(e, f) {
    var kindOk = !f.kind || e.type === f.kind || (f.kind.indexOf('.') < 0 && e.type.indexOf(f.kind + '.') === 0);
    var taskOk = !f.task || (e.task && e.task.indexOf(f.task) === 0);
    var workerOk = !f.worker || e.worker === f.worker;
    return kindOk && taskOk && workerOk;
  }

  function row(e) {
    var tr = Baton.el('tr', { 'data-event-id': e.id, 'data-at': e.at, class: 'fresh' });
    var when = Baton.el('td', { class: 'when' });
    var d = new Date(e.at);
    when.appendChild(Baton.el('time', { datetime: d.toISOString() }, d.toISOString().substring(11, 23)));
    tr.appendChild(when);
    var kind = Baton.el('td');
    kind.appendChild(Baton.el('span', { class: 'type-tag' }, e.type));
    tr.appendChild(kind);
    var what = Baton.el('td', null, e.text);
    if (e.why) {
      what.appendChild(Baton.el('span', { class: 'ev-why' }, ' — ' + e.why));
    }
    if (e.task) {
      what.appendChild(document.createTextNode(' · '));
      what.appendChild(Baton.el('a', { href: 'task.xhtml?id=' + e.task, class: 'mono' }, Baton.shortId(e.task)));
    }
    tr.appendChild(what);
    return tr;
  }

  function pending() {
    var p = document.getElementById('pending');
    p.textContent = paused ? (heldBack ? heldBack.toLocaleString('en') + ' new event(s) held back' : 'paused') : '';
  }

  function receive(m) {
    var body = document.getElementById('events-body');
    if (!body) {
      return;
    }
    var f = filters();
    if (!f.newest) {
      return;
    }
    var fresh = (m.events || []).filter(function (e) { return matches(e, f); });
    if (paused) {
      heldBack += fresh.length + (m.dropped || 0);
      pending();
      return;
    }
    if (m.dropped) {
      // More happened than one push carries: the newest page, rendered on the server, has all of it (at
      // most every 5 s: in a flood nobody reads faster, and the manager has better things to do).
      reload();
      return;
    }
    fresh.forEach(function (e) {
      if (!body.querySelector('[data-event-id="' + e.id + '"]')) {
        body.insertBefore(row(e), body.firstChild);
      }
    });
    while (body.children.length > MAX_ROWS) {
      body.removeChild(body.lastChild);
    }
  }

  var reload = Baton.throttle(function () {
    if (window.reloadEvents) {
      window.reloadEvents();
    }
  }, 5000);

  document.addEventListener('DOMContentLoaded', function () {
    var button = document.getElementById('pauseButton');
    if (!button) {
      return;
    }
    button.addEventListener('click', function () {
      paused = !paused;
      button.setAttribute('aria-pressed', String(paused));
      button.querySelector('.ui-button-text').textContent = paused ? 'Resume' : 'Pause';
      if (!paused && heldBack) {
        heldBack = 0;
        if (window.reloadEvents) {
          window.reloadEvents();
        }
      }
      pending();
    });
    Baton.on(receive);
  });
})();
