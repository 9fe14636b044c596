package dev.baton.console.push;

import dev.baton.event.BatonEvent;
import dev.baton.manager.scenarios.entity.ScenarioRun;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Gathers what happened between two pushes, in bounded memory whatever the event rate: the newest routine
 * events and, kept apart so that a burst cannot crowd them out, the newest notable ones (failures,
 * recoveries, migrations, fencing); the rest is counted, not kept. Also which tasks changed status, whether
 * workers changed, whether progress moved, the latest scenario run. The pusher drains it a few times a
 * second; a burst of 20,000 events becomes one push.
 */
final class PushCoalescer {
  static final int MAX_ROUTINE = 40;
  static final int MAX_NOTABLE = 50;
  static final int MAX_CHANGED_TASKS = 500;

  /**
   * What one push carries besides the picture.
   *
   * @param events the newest events since the last push, oldest first
   * @param dropped events since the last push that are not in {@code events}
   * @param changedTasks the tasks whose status changed, or null if more than {@link #MAX_CHANGED_TASKS}
   *     did (then assume any may have)
   * @param scenario the scenario run, if it changed
   */
  record Batch(
      List<BatonEvent> events, long dropped, Set<String> changedTasks, boolean workersChanged, boolean progressed, ScenarioRun scenario) {
    boolean tasksChanged() {
      return changedTasks == null || !changedTasks.isEmpty();
    }
  }

  private final Object lock = new Object();
  private final ArrayDeque<BatonEvent> routine = new ArrayDeque<>();
  private final ArrayDeque<BatonEvent> notable = new ArrayDeque<>();
  private long dropped;
  private Set<String> changedTasks = new HashSet<>();
  private boolean workersChanged;
  private boolean progressed;
  private ScenarioRun scenario;
  private long lastDrainNanos = Long.MIN_VALUE / 2;

  /** Failures, recoveries, migrations, fencing, membership: what the picture's story explains. */
  static boolean isNotable(BatonEvent e) {
    return switch (e.type()) {
      case "task.created", "task.queued", "task.scheduled", "task.started", "task.checkpoint", "task.completed" -> false;
      default -> true;
    };
  }

  void event(BatonEvent e) {
    synchronized (lock) {
      ArrayDeque<BatonEvent> kept = isNotable(e) ? notable : routine;
      kept.addLast(e);
      if (kept.size() > (kept == notable ? MAX_NOTABLE : MAX_ROUTINE)) {
        kept.removeFirst();
        dropped++;
      }
      if (e.type().startsWith("worker.")) {
        workersChanged = true;
      } else if (e.taskId() != null && !e.type().equals("task.checkpoint")) {
        if (changedTasks != null) {
          changedTasks.add(e.taskId());
          if (changedTasks.size() > MAX_CHANGED_TASKS) {
            changedTasks = null;
          }
        }
      } else if (e.type().equals("task.checkpoint")) {
        progressed = true;
      }
    }
  }

  /** Stream ids ({@code millis-seq}) in the log's order. */
  static int byStreamId(String a, String b) {
    int da = a.indexOf('-');
    int db = b.indexOf('-');
    int c = Long.compare(Long.parseLong(a.substring(0, da)), Long.parseLong(b.substring(0, db)));
    return c != 0 ? c : Long.compare(Long.parseLong(a.substring(da + 1)), Long.parseLong(b.substring(db + 1)));
  }

  void progress() {
    synchronized (lock) {
      progressed = true;
    }
  }

  void scenario(ScenarioRun run) {
    synchronized (lock) {
      scenario = run;
    }
  }

  /**
   * What to push now, or null when nothing happened and the last push is younger than {@code keepAliveNanos}
   * (a quiet cluster still gets a push now and then: heartbeats and leases move without events).
   */
  Batch drain(long nowNanos, long keepAliveNanos) {
    synchronized (lock) {
      boolean quiet = routine.isEmpty() && notable.isEmpty() && !progressed && !workersChanged && scenario == null && changedTasks != null && changedTasks.isEmpty();
      if (quiet && nowNanos - lastDrainNanos < keepAliveNanos) {
        return null;
      }
      List<BatonEvent> events = new java.util.ArrayList<>(routine.size() + notable.size());
      events.addAll(routine);
      events.addAll(notable);
      events.sort(java.util.Comparator.comparing(BatonEvent::id, PushCoalescer::byStreamId));
      Batch b = new Batch(List.copyOf(events), dropped, changedTasks == null ? null : Set.copyOf(changedTasks), workersChanged, progressed, scenario);
      routine.clear();
      notable.clear();
      dropped = 0;
      changedTasks = new HashSet<>();
      workersChanged = false;
      progressed = false;
      scenario = null;
      lastDrainNanos = nowNanos;
      return b;
    }
  }
}
