/*
 * The worker cards: condition, heartbeat, slots and progress follow the pushes in the browser; when a
 * worker joins, fails or its set of tasks changes, the cards (not the dialogs) are rendered again.
 */
(function () {
  'use strict';
  function render() {
    if (window.refreshCards) {
      window.refreshCards();
    }
  }
  var refresh = Baton.throttle(render, 1000);
  var refreshSlowly = Baton.throttle(render, 5000);
  var shape = null; // what the cards were last rendered with: ids, conditions, task sets

  function shapeOf(m, withTasks) {
    return m.workers.map(function (w) {
      return w.id + ':' + w.cond + ':' + w.alive + ':' + w.restartable + (withTasks ? ':' + w.tasks.slice().sort().join(',') : '');
    }).join('|');
  }

  function update(m) {
    m.workers.forEach(function (w) {
      var cond = document.querySelector('[data-cond="' + w.id + '"]');
      if (cond) {
        cond.textContent = w.label;
        cond.className = 'cond cond-' + w.cond.toLowerCase();
      }
      var card = document.querySelector('[data-worker-card="' + w.id + '"]');
      if (card) {
        card.className = 'card cond-' + w.cond.toLowerCase();
      }
      var why = document.querySelector('[data-why="' + w.id + '"]');
      if (why) {
        why.textContent = w.why;
      }
      var hb = document.querySelector('[data-hb="' + w.id + '"]');
      if (hb && w.hb) {
        hb.setAttribute('data-since', w.hb);
      }
      var slots = document.querySelector('[data-slots="' + w.id + '"]');
      if (slots) {
        slots.querySelector('span').style.width = (w.slots ? (w.busy * 100) / w.slots : 0) + '%';
        slots.querySelector('em').textContent = w.busy + ' of ' + w.slots + ' busy';
      }
      var factor = document.querySelector('[data-factor="' + w.id + '"]');
      if (factor) {
        factor.textContent = '×' + w.factor;
      }
    });
    Baton.progressBars(m);
  }

  document.addEventListener('DOMContentLoaded', function () {
    if (!document.querySelector('.cards')) {
      return;
    }
    var workersShape = null;
    Baton.on(function (m) {
      update(m);
      var now = shapeOf(m, true);
      var workersNow = shapeOf(m, false);
      if (shape !== null && workersNow !== workersShape) {
        refresh(); // a worker joined, failed, recovered: at once
      } else if (shape !== null && now !== shape) {
        // only their tasks changed: under a flood that is every push, so not more than every 5 s then
        (m.dropped > 0 || (m.events || []).length >= 30 ? refreshSlowly : refresh)();
      }
      shape = now;
      workersShape = workersNow;
    });
  });
})();
