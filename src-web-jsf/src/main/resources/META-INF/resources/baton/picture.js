/*
 * The system picture: the manager, the broker with its queue, Redis, and every worker with its slots and
 * tasks, drawn in SVG from the pushed state. Positions are stable (a worker keeps its place; a task keeps
 * its slot while it stays); a task that moves travels along an arc to where it really is now; a migration
 * shows a dashed arrow to its real target; a recovery shows the task leaving the dead worker and, when it
 * resumes, the checkpoint and the epoch it resumed with. The "Explain" panel says in words what is going on.
 */
(function () {
  'use strict';
  var NS = 'http://www.w3.org/2000/svg';
  var W = 1000;
  var TOP = { y: 16, h: 132 };
  var LANE_Y = 196;
  var WORKERS_Y = 262;
  var CHIP_R = 16;
  var SLOT_GAP = 46;
  var MOVE_MS = 750;
  var reducedMotion = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;

  var svg, layers = {}, root;
  var workerBoxes = {}; // id -> {g, x, y, w, h, slotsAt: [[x,y]...]}
  var workerOrder = []; // ids in the order first seen, sorted: places never change
  var chips = {}; // task id -> chip
  var slotOf = {}; // task id -> {worker, index}
  var labels = {}; // task id -> {text, until}
  var selected = null; // {kind, id}
  var story = [];
  var animating = false;
  var firstRender = true; // the page's first state: everything is already where it is
  // Under a flood (a benchmark: thousands of tasks a second) single moves mean nothing and animating them
  // costs the machine: the picture then redraws at most once a second, without animation.
  var BUSY_EVENTS = 30;
  var busyUntil = 0;
  var pending = null;
  var pendingTimer = null;
  var lastDrawn = 0;

  function svgEl(tag, attrs, parent) {
    var e = document.createElementNS(NS, tag);
    for (var k in attrs) {
      e.setAttribute(k, attrs[k]);
    }
    if (parent) {
      parent.appendChild(e);
    }
    return e;
  }

  /** Changes an attribute only if it differs: an unchanged page does no layout or paint. */
  function setAttr(e, name, value) {
    value = String(value);
    if (e.getAttribute(name) !== value) {
      e.setAttribute(name, value);
    }
  }

  function setText(e, value) {
    if (e.textContent !== value) {
      e.textContent = value;
    }
  }

  function text(parent, x, y, content, cls, attrs) {
    var t = svgEl('text', Object.assign({ x: x, y: y, class: cls || '' }, attrs || {}), parent);
    t.textContent = content;
    return t;
  }

  // ----------------------------------------------------------------------------------------------
  // The fixed part: manager, broker, Redis

  function build(container) {
    svg = svgEl('svg', { viewBox: '0 0 ' + W + ' 520', class: 'picture-svg', role: 'img', 'aria-labelledby': 'picture-svg-title' });
    var title = svgEl('title', { id: 'picture-svg-title' }, svg);
    title.textContent = 'The cluster as it is now';
    var defs = svgEl('defs', {}, svg);
    var marker = svgEl('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, defs);
    svgEl('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrow-head' }, marker);
    ['wires', 'nodes', 'workers', 'arrows', 'chips', 'labels'].forEach(function (n) {
      layers[n] = svgEl('g', { class: 'layer-' + n }, svg);
    });

    node('manager', 20, TOP.y, 200, TOP.h, 'Manager', ['REST API, dispatcher,', 'failure detector, balancer']);
    node('broker', 260, TOP.y, 480, TOP.h, 'Broker (Artemis) · queue baton.tasks', []);
    node('redis', 780, TOP.y, 200, TOP.h, 'Redis', ['the source of truth:', 'state, epochs, checkpoints']);
    svgEl('path', { d: 'M220,60 L258,60', class: 'wire strong', 'marker-end': 'url(#arrow)' }, layers.wires);
    text(layers.wires, 222, 54, 'send', 'wire-label');
    svgEl('path', { d: 'M120,16 C120,-2 880,-2 880,16', class: 'wire', 'marker-end': 'url(#arrow)' }, layers.wires);
    text(layers.wires, 470, 9, 'stores every task first', 'wire-label');
    text(layers.nodes, 272, TOP.y + 38, '', 'node-stat', { id: 'broker-depth' });
    text(layers.nodes, 30, TOP.y + 100, '', 'node-stat', { id: 'manager-stat' });
    text(layers.nodes, 790, TOP.y + 84, '', 'node-stat', { id: 'redis-stat' });
    text(layers.nodes, 790, TOP.y + 104, '', 'node-stat', { id: 'redis-counts' });
    svgEl('rect', { x: 20, y: LANE_Y - 22, width: 960, height: 50, rx: 8, class: 'lane' }, layers.nodes);
    text(layers.nodes, 30, LANE_Y - 8, 'in transit: recovering (waiting to resume from a checkpoint) or handed over, waiting for the target', 'lane-label');
    container.appendChild(svg);
  }

  function node(id, x, y, w, h, title, lines) {
    var g = svgEl('g', { class: 'sys-node', id: 'node-' + id }, layers.nodes);
    svgEl('rect', { x: x, y: y, width: w, height: h, rx: 10 }, g);
    text(g, x + 12, y + 22, title, 'node-title');
    lines.forEach(function (l, i) {
      text(g, x + 12, y + 42 + i * 16, l, 'node-line');
    });
  }

  // ----------------------------------------------------------------------------------------------
  // Workers: each keeps its place for good

  function placeWorkers(workers) {
    workers.forEach(function (w) {
      if (workerOrder.indexOf(w.id) < 0) {
        workerOrder.push(w.id);
      }
    });
    var n = workerOrder.length;
    var perRow = n <= 4 ? Math.max(n, 1) : Math.min(5, Math.ceil(n / Math.ceil(n / 5)));
    var gap = 20;
    var width = (W - 40 - (perRow - 1) * gap) / perRow;
    var maxSlots = workers.reduce(function (m, w) { return Math.max(m, w.slots || 4); }, 4);
    var perSlotRow = Math.max(1, Math.floor((width - 24) / SLOT_GAP));
    var slotRows = Math.ceil(maxSlots / perSlotRow);
    var height = 96 + slotRows * SLOT_GAP;
    workerOrder.forEach(function (id, i) {
      var row = Math.floor(i / perRow);
      var col = i % perRow;
      var x = 20 + col * (width + gap);
      var y = WORKERS_Y + row * (height + gap);
      var box = workerBoxes[id];
      if (!box || box.x !== x || box.w !== width || box.h !== height) {
        if (box) {
          layers.workers.removeChild(box.g);
        }
        box = workerBoxes[id] = drawWorker(id, x, y, width, height, perSlotRow);
      }
    });
    var rows = Math.ceil(n / perRow);
    svg.setAttribute('viewBox', '0 0 ' + W + ' ' + (WORKERS_Y + rows * (height + gap) + 10));
    drawWires();
  }

  function drawWorker(id, x, y, w, h, perSlotRow) {
    var g = svgEl('g', { class: 'worker', tabindex: 0, role: 'button', 'data-worker': id }, layers.workers);
    var title = svgEl('title', {}, g);
    svgEl('rect', { x: x, y: y, width: w, height: h, rx: 10, class: 'worker-box' }, g);
    text(g, x + 12, y + 22, id, 'worker-id');
    var pill = svgEl('g', { class: 'cond' }, g);
    svgEl('rect', { x: x + w - 104, y: y + 8, width: 92, height: 20, rx: 10 }, pill);
    text(pill, x + w - 58, y + 22, '', 'cond-label', { 'text-anchor': 'middle' });
    text(g, x + 12, y + 44, '', 'worker-stat stat1');
    var hb = text(g, x + 12, y + 62, '', 'worker-stat stat2');
    var slotsAt = [];
    for (var s = 0; s < 32; s++) {
      var r = Math.floor(s / perSlotRow);
      var c = s % perSlotRow;
      slotsAt.push([x + 12 + CHIP_R + 4 + c * SLOT_GAP, y + 90 + r * SLOT_GAP]);
    }
    var slotLayer = svgEl('g', { class: 'slots' }, g);
    g.addEventListener('click', function () { select('worker', id); });
    g.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        select('worker', id);
      }
    });
    return { g: g, x: x, y: y, w: w, h: h, slotsAt: slotsAt, title: title, pill: pill, hb: hb, slotLayer: slotLayer, shownSlots: -1 };
  }

  function drawWires() {
    var wires = layers.wires.querySelectorAll('.wire.worker-wire');
    for (var i = 0; i < wires.length; i++) {
      wires[i].parentNode.removeChild(wires[i]);
    }
    workerOrder.forEach(function (id) {
      var b = workerBoxes[id];
      var cx = b.x + b.w / 2;
      svgEl('path', { d: 'M' + (cx - 8) + ',' + b.y + ' C' + (cx - 8) + ',' + (b.y - 60) + ' 500,' + (TOP.y + TOP.h + 40) + ' 500,' + (TOP.y + TOP.h), class: 'wire worker-wire' }, layers.wires);
      svgEl('path', { d: 'M' + (cx + 8) + ',' + b.y + ' C' + (cx + 8) + ',' + (b.y - 70) + ' 880,' + (TOP.y + TOP.h + 50) + ' 880,' + (TOP.y + TOP.h), class: 'wire worker-wire faint' }, layers.wires);
    });
  }

  function updateWorker(w, now) {
    var b = workerBoxes[w.id];
    var cond = (w.cond || w.status).toLowerCase();
    setAttr(b.g, 'class', 'worker cond-' + cond + (selected && selected.kind === 'worker' && selected.id === w.id ? ' selected' : ''));
    setAttr(b.g, 'data-cond', w.cond);
    setText(b.pill.querySelector('text'), w.label);
    setText(
      b.g.querySelector('.stat1'),
      w.busy + '/' + w.slots + ' slots · load ' + Math.round((w.slots ? w.busy / w.slots : 0) * 100) + ' %' + (w.factor > 1 ? ' · ×' + fmt(w.factor) : ''));
    if (w.hb && !b.age) {
      svgEl('tspan', {}, b.hb).textContent = 'heartbeat ';
      b.age = svgEl('tspan', {}, b.hb);
      svgEl('tspan', {}, b.hb).textContent = ' ago';
    }
    if (b.age) {
      setAttr(b.age, 'data-since', w.hb || 0);
      setText(b.age, Baton.age(now - (w.hb || now)));
    }
    setText(b.title, w.id + ': ' + w.label + ' — ' + w.why);
    setAttr(b.g, 'aria-label', w.id + ', ' + w.label + ', ' + w.busy + ' of ' + w.slots + ' slots busy. ' + w.why);
    if (b.shownSlots !== w.slots) {
      b.slotLayer.textContent = '';
      for (var s = 0; s < w.slots && s < b.slotsAt.length; s++) {
        svgEl('circle', { cx: b.slotsAt[s][0], cy: b.slotsAt[s][1], r: CHIP_R + 2, class: 'slot' }, b.slotLayer);
      }
      b.shownSlots = w.slots;
    }
  }

  function fmt(n) {
    return Math.round(n * 10) / 10;
  }

  // ----------------------------------------------------------------------------------------------
  // Tasks as chips: where each is now

  function targetOf(t, index) {
    if (t.s === 'CREATED') {
      return queueSpot(index.queue[t.id]);
    }
    if (t.s === 'RECOVERING' || t.s === 'RELEASED') {
      return laneSpot(index.lane[t.id]);
    }
    var w = t.w && workerBoxes[t.w];
    if (!w) {
      return laneSpot(index.lane[t.id] || 0);
    }
    var slot = slotFor(t.id, t.w, index.used[t.w]);
    return w.slotsAt[slot];
  }

  function slotFor(id, worker, used) {
    var s = slotOf[id];
    if (s && s.worker === worker && !used[s.index]) {
      used[s.index] = id;
      return s.index;
    }
    for (var i = 0; i < 32; i++) {
      if (!used[i]) {
        used[i] = id;
        slotOf[id] = { worker: worker, index: i };
        return i;
      }
    }
    return 0;
  }

  function queueSpot(i) {
    var perRow = 12;
    var r = Math.floor(i / perRow);
    var c = i % perRow;
    return [282 + CHIP_R + c * 37, TOP.y + 62 + r * 38];
  }

  function laneSpot(i) {
    return [40 + CHIP_R + (i % 24) * 38, LANE_Y + 12];
  }

  function chipFor(t) {
    var c = chips[t.id];
    if (c) {
      return c;
    }
    var g = svgEl('g', { class: 'chip', tabindex: 0, role: 'button', 'data-task': t.id }, layers.chips);
    var title = svgEl('title', {}, g);
    svgEl('circle', { r: CHIP_R, class: 'chip-bg' }, g);
    var ring = svgEl('circle', { r: CHIP_R, class: 'chip-ring', transform: 'rotate(-90)' }, g);
    text(g, 0, 3.5, t.id.substring(0, 4), 'chip-id', { 'text-anchor': 'middle' });
    var prio = svgEl('g', { class: 'chip-prio' }, g);
    svgEl('circle', { cx: 12, cy: -12, r: 7 }, prio);
    text(prio, 12, -9, String(t.prio), 'chip-prio-text', { 'text-anchor': 'middle' });
    g.addEventListener('click', function () { select('task', t.id); });
    g.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        select('task', t.id);
      }
    });
    c = chips[t.id] = { g: g, ring: ring, title: title, x: null, y: null, from: null, to: null, start: 0, arc: 0, task: t };
    return c;
  }

  function moveChip(c, to, now, arc) {
    if (c.x === null) {
      // A new chip comes from where it was: the manager (a new task) or the broker (a dispatched one).
      var from = firstRender ? to : c.task.s === 'CREATED' ? [120, 80] : [500, TOP.y + TOP.h];
      c.x = from[0];
      c.y = from[1];
    }
    if (c.to && c.to[0] === to[0] && c.to[1] === to[1]) {
      return;
    }
    c.from = [c.x, c.y];
    c.to = to;
    c.start = now;
    c.arc = arc;
    if (reducedMotion || busy()) {
      c.x = to[0];
      c.y = to[1];
      c.from = null;
      place(c);
      return;
    }
    place(c);
    animate();
  }

  function place(c) {
    c.g.setAttribute('transform', 'translate(' + c.x.toFixed(1) + ',' + c.y.toFixed(1) + ')');
  }

  function animate() {
    if (animating) {
      return;
    }
    animating = true;
    requestAnimationFrame(step);
  }

  function step(ts) {
    var now = performance.now();
    var moving = false;
    for (var id in chips) {
      var c = chips[id];
      if (!c.from) {
        continue;
      }
      var k = Math.min(1, (now - c.start) / MOVE_MS);
      var e = k < 0.5 ? 2 * k * k : 1 - Math.pow(-2 * k + 2, 2) / 2; // ease in and out
      var mx = (c.from[0] + c.to[0]) / 2;
      var my = Math.min(c.from[1], c.to[1]) - c.arc;
      c.x = (1 - e) * (1 - e) * c.from[0] + 2 * (1 - e) * e * mx + e * e * c.to[0];
      c.y = (1 - e) * (1 - e) * c.from[1] + 2 * (1 - e) * e * my + e * e * c.to[1];
      place(c);
      if (k >= 1) {
        c.from = null;
        c.x = c.to[0];
        c.y = c.to[1];
      } else {
        moving = true;
      }
    }
    positionLabels();
    if (moving) {
      requestAnimationFrame(step);
    } else {
      animating = false;
    }
  }

  function styleChip(c, t) {
    var cls = 'chip st-' + t.s.toLowerCase() + (selected && selected.kind === 'task' && selected.id === t.id ? ' selected' : '');
    setAttr(c.g, 'class', cls);
    setAttr(c.g, 'data-worker', t.w || '');
    setAttr(c.g, 'data-status', t.s);
    var len = 2 * Math.PI * CHIP_R;
    setAttr(c.ring, 'stroke-dasharray', (len * Math.max(0, Math.min(100, t.p)) / 100).toFixed(1) + ' ' + len.toFixed(1));
    setText(c.g.querySelector('.chip-prio-text'), String(t.prio));
    var where = t.w ? ' on ' + t.w : '';
    var desc = 'task ' + Baton.shortId(t.id) + ' (' + t.type + ', priority ' + t.prio + '): ' + t.s + where + ', ' + t.p + ' %' +
      (t.msg ? ' — ' + t.msg : '') + '; epoch ' + t.e + (t.cps ? ', checkpoint #' + t.cps + ' at ' + t.cpp + ' %' : ', no checkpoint yet');
    setText(c.title, desc);
    setAttr(c.g, 'aria-label', desc);
    c.task = t;
  }

  function retire(id, how) {
    var c = chips[id];
    delete chips[id];
    delete slotOf[id];
    if (!c) {
      return;
    }
    if (busy()) {
      c.g.parentNode.removeChild(c.g);
      return;
    }
    c.g.setAttribute('class', c.g.getAttribute('class') + ' leaving ' + how);
    if (how === 'completed') {
      c.from = [c.x, c.y];
      c.to = [880, TOP.y + TOP.h - 10];
      c.start = performance.now();
      c.arc = 30;
      chips['~' + id] = c;
      animate();
    }
    setTimeout(function () {
      delete chips['~' + id];
      if (c.g.parentNode) {
        c.g.parentNode.removeChild(c.g);
      }
    }, reducedMotion ? 0 : 900);
  }

  // ----------------------------------------------------------------------------------------------
  // Labels and arrows: what a recovery or a migration means

  /** Short labels beside a task that moved: where from, from which checkpoint, with which epoch. */
  function labelFromEvents(m) {
    var now = performance.now();
    (m.events || []).forEach(function (e) {
      var d = e.d || {};
      if (!e.task) {
        return;
      }
      if (e.type === 'task.resumed') {
        labels[e.task] = { text: '↻ from ' + (d.progress || 0) + ' % · epoch ' + d.previous_epoch + '→' + d.epoch, until: now + 7000, kind: 'resumed' };
      } else if (e.type === 'task.recovering') {
        labels[e.task] = { text: 'left ' + (e.worker || '?') + ' · epoch ' + (Number(d.epoch) - 1) + '→' + d.epoch, until: now + 6000, kind: 'recovering' };
      } else if (e.type === 'task.started' && e.notable) {
        labels[e.task] = { text: 'restarted from 0 % (no checkpoint)', until: now + 6000, kind: 'resumed' };
      } else if (e.type === 'task.released') {
        labels[e.task] = { text: (d.forced === '1' ? 'taken from ' : 'let go by ') + (e.worker || '?') + ' · epoch ' + d.epoch, until: now + 5000, kind: 'recovering' };
      } else if (e.type === 'task.fenced') {
        labels[e.task] = { text: '✗ late write from ' + e.worker + ' refused', until: now + 6000, kind: 'fenced' };
      }
    });
  }

  function positionLabels() {
    var now = performance.now();
    layers.labels.textContent = '';
    var placed = []; // boxes already taken: a label that would overlap one moves up a line
    Object.keys(labels).sort().forEach(function (id) {
      var l = labels[id];
      var c = chips[id];
      if (l.until < now) {
        delete labels[id];
        return;
      }
      if (!c) {
        return;
      }
      var x = Math.min(Math.max(c.x, 110), W - 110);
      var y = c.y - CHIP_R - 10;
      var g = svgEl('g', { class: 'task-label ' + l.kind }, layers.labels);
      var t = text(g, x, y, l.text, 'task-label-text', { 'text-anchor': 'middle' });
      var w = (t.getComputedTextLength ? t.getComputedTextLength() : l.text.length * 6) + 12;
      var moved = true;
      while (moved) {
        moved = false;
        for (var i = 0; i < placed.length; i++) {
          var p = placed[i];
          if (Math.abs(p.y - y) < 17 && x - w / 2 < p.x + p.w / 2 && x + w / 2 > p.x - p.w / 2) {
            y -= 18;
            moved = true;
          }
        }
      }
      t.setAttribute('y', y);
      placed.push({ x: x, y: y, w: w });
      var bg = svgEl('rect', { x: x - w / 2, y: y - 12, width: w, height: 16, rx: 4 }, g);
      g.insertBefore(bg, t);
    });
  }

  function drawArrows(tasks) {
    layers.arrows.textContent = '';
    tasks.forEach(function (t) {
      if ((t.s !== 'MIGRATING' && t.s !== 'RELEASED') || !t.to || !workerBoxes[t.to]) {
        return;
      }
      var c = chips[t.id];
      var b = workerBoxes[t.to];
      if (!c || c.x === null) {
        return;
      }
      var tx = b.x + b.w / 2;
      var ty = b.y + 4;
      var mx = (c.x + tx) / 2;
      var my = Math.min(c.y, ty) - 70;
      svgEl('path', { d: 'M' + c.x + ',' + (c.y - CHIP_R) + ' Q' + mx + ',' + my + ' ' + tx + ',' + ty, class: 'migration-arrow', 'marker-end': 'url(#arrow)' }, layers.arrows);
      text(layers.arrows, mx, my + 30, (t.rel ? 'handed over → ' : 'migrating → ') + t.to, 'arrow-label', { 'text-anchor': 'middle' });
    });
  }

  // ----------------------------------------------------------------------------------------------
  // One push

  function busy() {
    return Date.now() < busyUntil;
  }

  /** Each push: drawn at once normally; under a flood at most once a second; not at all while hidden. */
  function receive(m) {
    if ((m.events || []).length >= BUSY_EVENTS || m.dropped > 0) {
      busyUntil = Date.now() + 3000;
    }
    // What happened is kept from every push, drawn or not.
    labelFromEvents(m);
    (m.events || []).forEach(function (e) {
      if (e.notable) {
        story.unshift(e);
      }
    });
    story = story.slice(0, 15);
    pending = m;
    if (document.hidden) {
      return;
    }
    var wait = busy() ? lastDrawn + 1000 - Date.now() : 0;
    if (wait <= 0) {
      drawPending();
    } else if (!pendingTimer) {
      pendingTimer = setTimeout(drawPending, wait);
    }
  }

  function drawPending() {
    pendingTimer = null;
    if (pending) {
      var m = pending;
      pending = null;
      lastDrawn = Date.now();
      render(m);
    }
  }

  function render(m) {
    var now = m.now;
    var note = document.getElementById('busy-note');
    if (note) {
      setText(note, busy() ? 'A flood of tasks: the picture redraws once a second, without animation.' : '');
    }
    placeWorkers(m.workers);
    m.workers.forEach(function (w) { updateWorker(w, now); });
    var byWorker = {};
    m.workers.forEach(function (w) { byWorker[w.id] = w; });

    var index = { queue: {}, lane: {}, used: {} };
    (m.queue.shown || []).slice().sort(function (a, b) { return b.prio - a.prio; }).forEach(function (t, i) { index.queue[t.id] = i; });
    var lane = 0;
    m.tasks.forEach(function (t) {
      if (t.s === 'RECOVERING' || t.s === 'RELEASED' || (t.w && !workerBoxes[t.w])) {
        index.lane[t.id] = lane++;
      }
    });
    m.workers.forEach(function (w) { index.used[w.id] = {}; });
    // Tasks that keep their slot claim it first, so that newcomers never push them around.
    var all = (m.queue.shown || []).concat(m.tasks);
    all.sort(function (a, b) {
      var ka = slotOf[a.id] && slotOf[a.id].worker === a.w ? 0 : 1;
      var kb = slotOf[b.id] && slotOf[b.id].worker === b.w ? 0 : 1;
      return ka - kb;
    });

    var seen = {};
    var t0 = performance.now();
    all.forEach(function (t) {
      seen[t.id] = true;
      var c = chipFor(t);
      var before = c.task && c.task.w;
      styleChip(c, t);
      var to = targetOf(t, index);
      var travelled = before && t.w && before !== t.w;
      moveChip(c, to, t0, travelled ? 90 : 20);
    });
    var completed = {};
    (m.events || []).forEach(function (e) {
      if (e.type === 'task.completed' || e.type === 'task.failed' || e.type === 'task.dead') {
        completed[e.task] = e.type.substring(5);
      }
    });
    Object.keys(chips).forEach(function (id) {
      if (id.charAt(0) !== '~' && !seen[id]) {
        retire(id, completed[id] || 'completed');
      }
    });
    drawArrows(m.tasks);
    positionLabels();

    var more = document.getElementById('broker-depth');
    var shown = (m.queue.shown || []).length;
    setText(more, m.queue.n + ' waiting' + (m.queue.n > shown ? ' (the oldest ' + shown + ' shown)' : '') +
      (m.system.broker.depth !== undefined ? ' · ' + m.system.broker.depth + ' messages in the broker' : (m.system.broker.up ? '' : ' · broker DOWN')));
    setText(document.getElementById('manager-stat'), m.system.status === 'UP' ? 'system UP' : 'system ' + m.system.status);
    setText(document.getElementById('redis-stat'), 'Redis answers in about ' + (m.system.redis.ms < 1 ? '1' : Math.round(m.system.redis.ms)) + ' ms');
    setText(document.getElementById('redis-counts'), (m.counts.COMPLETED || 0) + ' completed · ' + (m.counts.FAILED || 0) + ' failed');
    setAttr(document.getElementById('node-broker'), 'class', 'sys-node' + (m.system.broker.up ? '' : ' down'));

    explainNow(m, byWorker);
    renderStory();
    explainSelected();
    firstRender = false;
  }

  // ----------------------------------------------------------------------------------------------
  // Explain

  function explainNow(m, byWorker) {
    var out = document.getElementById('explain-now');
    if (!out) {
      return;
    }
    var lines = [];
    var sw = m.system.workers;
    lines.push(sw.alive + ' of ' + m.workers.length + ' workers alive; ' + sw.busy + ' of ' + sw.slots + ' slots busy.');
    var running = m.counts.RUNNING || 0;
    lines.push(running + ' task(s) running, ' + m.queue.n + ' waiting for a free slot' +
      (m.system.broker.depth !== undefined ? ' (' + m.system.broker.depth + ' messages in the broker)' : '') + '.');
    if (!m.system.broker.up) {
      lines.push('The broker is DOWN: tasks are still accepted (Redis first) and sent when it is back.');
    }
    m.workers.forEach(function (w) {
      if (w.cond !== 'UP' && w.cond !== 'DOWN') {
        lines.push(w.id + ' is ' + w.label + ': ' + w.why + '.');
      }
    });
    var recovering = m.tasks.filter(function (t) { return t.s === 'RECOVERING'; });
    if (recovering.length) {
      lines.push(recovering.length + ' task(s) RECOVERING: each resumes from its last checkpoint as soon as a live worker has a free slot.');
    }
    m.tasks.filter(function (t) { return t.s === 'MIGRATING' || t.s === 'RELEASED'; }).forEach(function (t) {
      lines.push('Task ' + Baton.shortId(t.id) + ' is moving ' + (t.w || '?') + ' → ' + t.to +
        (t.rel ? ': released with a final checkpoint; ' + t.to + ' claims it next.' : ': ' + (t.w || 'its worker') + ' lets go at its next step boundary.'));
    });
    if (sw.alive === 0) {
      lines.push('No worker is alive: nothing runs until one joins.');
    }
    var joined = lines.join('\n');
    if (out.dataset.shown === joined) {
      return;
    }
    out.dataset.shown = joined;
    out.textContent = '';
    lines.forEach(function (l) { out.appendChild(Baton.el('p', null, l)); });
  }

  var storyShown = null;

  function renderStory() {
    var ol = document.getElementById('explain-story');
    var key = story.map(function (e) { return e.id; }).join(',');
    if (!ol || key === storyShown) {
      return;
    }
    storyShown = key;
    ol.textContent = '';
    if (!story.length) {
      ol.appendChild(Baton.el('li', { class: 'muted' }, 'Nothing notable yet: failures, recoveries, migrations and fencing are explained here as they happen.'));
    }
    story.forEach(function (e) {
      var li = Baton.el('li', { class: 'ev ev-' + e.type.replace('.', '-') });
      li.appendChild(Baton.el('time', { datetime: new Date(e.at).toISOString() }, Baton.clock(e.at)));
      li.appendChild(Baton.el('span', { class: 'ev-text' }, ' ' + e.text));
      if (e.why) {
        li.appendChild(Baton.el('span', { class: 'ev-why' }, ' — ' + e.why));
      }
      ol.appendChild(li);
    });
  }

  function select(kind, id) {
    selected = { kind: kind, id: id };
    if (Baton.state) {
      render(Baton.state);
    }
  }

  function explainSelected() {
    var out = document.getElementById('explain-selected');
    if (!out || !selected || !Baton.state) {
      return;
    }
    var m = Baton.state;
    out.textContent = '';
    var base = Baton.contextPath() + '/console/';
    if (selected.kind === 'worker') {
      var w = m.workers.filter(function (x) { return x.id === selected.id; })[0];
      if (!w) {
        out.appendChild(Baton.el('p', null, selected.id + ' is no longer in the cluster.'));
        return;
      }
      out.appendChild(Baton.el('p', { class: 'sel-head' }, w.id + ' — ' + w.label));
      out.appendChild(Baton.el('p', null, w.why + '.'));
      out.appendChild(Baton.el('p', null, w.busy + ' of ' + w.slots + ' slots busy' + (w.factor > 1 ? ', every step ×' + fmt(w.factor) : '') +
        '; runs ' + (w.types.length ? w.types.join(', ') : 'no types') + '.'));
      if (w.hb) {
        var p = Baton.el('p', null, 'Last heartbeat ');
        p.appendChild(Baton.el('span', { 'data-since': w.hb }, Baton.age(m.now - w.hb)));
        p.appendChild(document.createTextNode(' ago; its lease ' + (w.lease > m.now ? 'runs ' + Baton.age(w.lease - m.now) + ' more.' : 'has run out.')));
        out.appendChild(p);
      }
      var a = Baton.el('a', { href: base + 'workers.xhtml#worker-' + w.id }, 'Act on ' + w.id + ' →');
      out.appendChild(Baton.el('p')).appendChild(a);
      return;
    }
    var t = m.tasks.concat(m.queue.shown || []).filter(function (x) { return x.id === selected.id; })[0];
    if (!t) {
      out.appendChild(Baton.el('p', null, 'Task ' + Baton.shortId(selected.id) + ' has left the picture (it finished, or waits beyond the oldest shown).'));
      out.appendChild(Baton.el('p')).appendChild(Baton.el('a', { href: base + 'task.xhtml?id=' + selected.id }, 'Its details →'));
      return;
    }
    out.appendChild(Baton.el('p', { class: 'sel-head' }, 'Task ' + Baton.shortId(t.id) + ' — ' + t.s));
    out.appendChild(Baton.el('p', null, t.type + ', priority ' + t.prio + (t.w ? ', on ' + t.w : '') + ', ' + t.p + ' %' + (t.msg ? ' (' + t.msg + ')' : '') + '.'));
    out.appendChild(Baton.el('p', null, 'Epoch ' + t.e + ', attempt ' + t.att + ': only writes carrying epoch ' + t.e + ' are accepted.'));
    if (t.cps) {
      var cp = Baton.el('p', null, 'Checkpoint #' + t.cps + ' at ' + t.cpp + ' %, ');
      cp.appendChild(Baton.el('span', { 'data-since': t.cpat }, Baton.age(m.now - t.cpat)));
      cp.appendChild(document.createTextNode(' ago' + (t.s === 'RUNNING' ? ': if ' + t.w + ' died now, the task would resume from ' + t.cpp + ' % on another worker.' : '.')));
      out.appendChild(cp);
    } else if (t.s === 'RUNNING') {
      out.appendChild(Baton.el('p', null, 'No checkpoint yet: if ' + t.w + ' died now, the task would start again from the beginning.'));
    }
    if (t.s === 'MIGRATING' || t.s === 'RELEASED') {
      out.appendChild(Baton.el('p', null, 'Moving to ' + t.to + (t.rel ? ' (handed over; ' + t.to + ' claims it next).' : '.')));
    }
    out.appendChild(Baton.el('p')).appendChild(Baton.el('a', { href: base + 'task.xhtml?id=' + t.id }, 'Details and actions →'));
  }

  // ----------------------------------------------------------------------------------------------

  document.addEventListener('DOMContentLoaded', function () {
    root = document.getElementById('picture');
    if (!root) {
      return;
    }
    build(root);
    var notable = Baton.json('explain-story');
    if (notable) {
      story = notable;
    }
    var first = Baton.json('picture');
    if (first) {
      first.events = [];
      first.queue = first.queue || { n: 0, shown: [] };
      render(first);
    }
    renderStory();
    Baton.on(receive);
    document.addEventListener('visibilitychange', function () {
      if (!document.hidden) {
        drawPending();
      }
    });
  });
})();
