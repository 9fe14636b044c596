/*
 * A scenario run as it happens: its steps tick (✓) when the engine sees the cluster get there, the
 * narration grows, and the summary ends with the exactly-once verdict. Drawn from the pushed run.
 */
(function () {
  'use strict';
  var shownRun = null;

  function render(run) {
    var view = document.getElementById('run-view');
    if (!view || !run) {
      return;
    }
    shownRun = run;
    view.textContent = '';
    var head = Baton.el('p', null, run.title + ' — ');
    head.appendChild(Baton.el('span', { class: 'verdict ' + run.state, id: 'run-state' }, run.state));
    head.appendChild(document.createTextNode(' (started by ' + run.actor + ' at ' + run.started_at.substring(11, 19) + ' UTC)'));
    view.appendChild(head);
    var steps = Baton.el('ol', { class: 'steps', id: 'run-steps' });
    run.steps.forEach(function (s) {
      var li = Baton.el('li', { class: s.state, 'data-step': s.n }, s.n + '. ' + s.text);
      li.appendChild(Baton.el('span', { class: 'state' }, s.state.toLowerCase()));
      if (s.detail) {
        li.appendChild(Baton.el('span', { class: 'detail' }, s.detail));
      }
      steps.appendChild(li);
    });
    view.appendChild(steps);
    var log = Baton.el('div', { class: 'narration', id: 'run-log', role: 'log', 'aria-label': 'What the scenario saw, as it happened' });
    run.log.forEach(function (l) {
      var line = Baton.el('div', { class: l.kind }, (l.kind === 'summary' ? '' : l.at.substring(11, 23) + ' ') + l.text.replace(/^\s+/, ''));
      log.appendChild(line);
    });
    view.appendChild(log);
    log.scrollTop = log.scrollHeight;
    if (run.summary && run.summary.length && run.state !== 'RUNNING') {
      var verdict = Baton.el('p', { class: 'verdict ' + run.state, id: 'run-verdict' },
        run.ok ? 'Passed: every task completed exactly once.' : 'Did not pass' + (run.error ? ': ' + run.error : '.'));
      view.appendChild(verdict);
    }
    var abort = document.querySelector('.abort-button');
    if (abort) {
      abort.style.display = run.state === 'RUNNING' ? '' : 'none';
    }
  }

  Baton.scenario = {
    fromPage: function () {
      var run = Baton.json('scenariosForm:run');
      if (run) {
        render(run);
      }
    }
  };

  document.addEventListener('DOMContentLoaded', function () {
    if (!document.getElementById('run-view')) {
      return;
    }
    Baton.scenario.fromPage();
    if (!shownRun) {
      var abort = document.querySelector('.abort-button');
      if (abort) {
        abort.style.display = 'none';
      }
    }
    Baton.on(function (m) {
      if (m.scenario) {
        render(m.scenario);
      }
    });
  });
})();
