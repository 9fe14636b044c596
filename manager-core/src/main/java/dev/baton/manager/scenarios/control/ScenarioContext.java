package dev.baton.manager.scenarios.control;

import dev.baton.cluster.FailureMode;
import dev.baton.cluster.WorkerRecord;
import dev.baton.cluster.WorkerStatus;
import dev.baton.json.Jsonp;
import dev.baton.manager.cluster.control.LiveWorkers;
import dev.baton.manager.operations.Actor;
import dev.baton.manager.operations.Operations;
import dev.baton.manager.refusal.Refusal;
import dev.baton.manager.system.control.Explanations;
import dev.baton.manager.tasks.control.TaskLookup;
import dev.baton.manager.workers.control.WorkerLookup;
import dev.baton.store.StoreUnavailableException;
import dev.baton.task.TaskRecord;
import dev.baton.task.TaskStatus;
import dev.baton.task.Transition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * What a scenario script can do: act through {@link Operations} (as any person would), wait until the
 * system reaches a state, look at tasks and workers, narrate. Waits re-check their condition whenever an
 * event arrives, so a step ticks the moment the system gets there.
 */
final class ScenarioContext {
  private final Run run;
  private final Operations ops;
  private final TaskLookup tasks;
  private final WorkerLookup workers;
  private final boolean canRestart;
  private final Signal signal;
  private final Actor actor;
  private final Set<String> taskIds = ConcurrentHashMap.newKeySet();
  private final Set<String> crashed = new LinkedHashSet<>();
  private final Set<String> overloaded = new LinkedHashSet<>();

  ScenarioContext(
      Run run, Operations ops, TaskLookup tasks, WorkerLookup workers, boolean canRestart, Signal signal, Actor startedBy) {
    this.run = run;
    this.ops = ops;
    this.tasks = tasks;
    this.workers = workers;
    this.canRestart = canRestart;
    this.signal = signal;
    this.actor = Actor.scenario(run.name(), startedBy);
  }

  /** Thrown when the system does not get where a step expects within its bound, or a person stops the run. */
  static final class ScenarioFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final boolean aborted;

    ScenarioFailed(String message, boolean aborted) {
      super(message, null, false, false);
      this.aborted = aborted;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Narration

  void step(int n) {
    run.step(n);
  }

  void detail(String text) {
    run.detail(text);
  }

  void note(String text) {
    run.note(text);
  }

  void summary(String text) {
    run.summary(text);
  }

  boolean concerns(String taskId) {
    return taskId != null && taskIds.contains(taskId);
  }

  // ---------------------------------------------------------------------------------------------
  // Acting (each through Operations, as the scenario's actor)

  String create(String json) {
    String id = ops.submit(Jsonp.parse(json), actor).id();
    taskIds.add(id);
    TaskRecord t = task(id);
    note("created " + Explanations.shortId(id) + " (" + t.type() + ", priority " + t.priority() + ")");
    return id;
  }

  /** Pauses, stops, starts a named queue. */
  void queue(String name, dev.baton.queue.QueueState state) {
    ops.setQueueState(name, state, actor);
    note("queue " + name + " " + state.wireName());
  }

  void cancel(String taskId) {
    ops.cancel(taskId, actor);
  }

  void crash(String worker) {
    ops.fail(worker, FailureMode.CRASH, actor);
    crashed.add(worker);
  }

  void overload(String worker, double factor, int seconds) {
    ops.overload(worker, factor, seconds, actor);
    overloaded.add(worker);
  }

  void recover(String worker) {
    ops.recover(worker, actor);
    overloaded.remove(worker);
  }

  void migrate(String taskId, String target) {
    ops.migrate(taskId, target, actor);
  }

  /**
   * Brings a crashed worker back: started again through the launcher where there is one; otherwise waits
   * for whoever runs the workers to start it (an orchestrator restarts it by itself).
   */
  void bringBack(String worker, Duration atMost) {
    if (canRestart) {
      note("starting " + worker + " again (demo.sh recover-worker)");
      ops.restart(worker, actor);
    } else {
      note("waiting for " + worker + " to be started again where it runs (e.g. ./demo.sh recover-worker "
          + worker.replace("worker-", "") + ")");
    }
    await(worker + " alive again", atMost, () -> alive(worker));
    crashed.remove(worker);
  }

  /** Undoes what the run broke and did not repair (a run that failed or was stopped halfway). */
  void cleanUp() {
    for (String w : List.copyOf(overloaded)) {
      try {
        recover(w);
      } catch (RuntimeException e) {
        note("could not recover " + w + ": " + e.getMessage());
      }
    }
    if (canRestart) {
      for (String w : List.copyOf(crashed)) {
        try {
          if (!alive(w)) {
            note("starting " + w + " again, which the scenario crashed");
            ops.restart(w, actor);
          }
        } catch (RuntimeException e) {
          note("could not start " + w + " again: " + e.getMessage());
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Looking

  TaskRecord task(String id) {
    return tasks.find(id).orElseThrow(() -> Refusal.notFound("task " + id + " is gone"));
  }

  List<Transition> history(String id) {
    return tasks.history(id);
  }

  List<String> statusesOf(String id) {
    return tasks.history(id).stream().map(Transition::to).map(Enum::name).toList();
  }

  boolean is(String id, TaskStatus status) {
    return task(id).status() == status;
  }

  /** The task runs on {@code worker} (null: on any). */
  boolean runsOn(String id, String worker) {
    TaskRecord t = task(id);
    return t.status() == TaskStatus.RUNNING && (worker == null || worker.equals(t.workerId()));
  }

  List<String> runningOn(String worker, List<String> ids) {
    return ids.stream().filter(id -> runsOn(id, worker)).toList();
  }

  Optional<WorkerRecord> worker(String id) {
    return workers.all().stream().filter(w -> w.id().equals(id)).findFirst();
  }

  boolean alive(String worker) {
    return worker(worker).map(w -> LiveWorkers.isAlive(w, Instant.now())).orElse(false);
  }

  boolean hasStatus(String worker, WorkerStatus status) {
    return worker(worker).map(w -> w.status() == status).orElse(false);
  }

  /** The live workers, by id: a scenario plays its parts with the first of them. */
  List<String> liveWorkers() {
    Instant now = Instant.now();
    return workers.all().stream().filter(w -> LiveWorkers.isAlive(w, now)).map(WorkerRecord::id).sorted().toList();
  }

  // ---------------------------------------------------------------------------------------------
  // Waiting

  /** Waits until {@code condition} holds, re-checking it on every event (and at least every 250 ms). */
  void await(String what, Duration atMost, BooleanSupplier condition) {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (true) {
      if (run.abortRequested()) {
        throw new ScenarioFailed("stopped by a person", true);
      }
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (StoreUnavailableException e) {
        // Redis is away for a moment: keep waiting within the bound
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new ScenarioFailed("not reached within " + atMost.toSeconds() + " s: " + what, false);
      }
      signal.awaitChange(Math.min(left / 1_000_000, 250));
    }
  }

  /** Waits until each task runs on a worker other than {@code from}; the seconds since {@code t0} for each. */
  List<Double> awaitRunningElsewhere(List<String> ids, String from, long t0, Duration atMost) {
    List<Double> seconds = new ArrayList<>();
    Set<String> left = new LinkedHashSet<>(ids);
    await(
        "every task of " + from + " running on another worker",
        atMost,
        () -> {
          for (String id : List.copyOf(left)) {
            TaskRecord t = task(id);
            if ((t.status() == TaskStatus.RUNNING && !from.equals(t.workerId())) || t.status() == TaskStatus.COMPLETED) {
              left.remove(id);
              seconds.add((System.nanoTime() - t0) / 1e9);
            }
          }
          return left.isEmpty();
        });
    return seconds;
  }

  /** The exactly-once check every scenario ends with: each task COMPLETED, with one COMPLETED in its history. */
  boolean exactlyOnce(List<String> ids) {
    int ok = 0;
    for (String id : ids) {
      List<String> h = statusesOf(id);
      if (is(id, TaskStatus.COMPLETED) && h.stream().filter("COMPLETED"::equals).count() == 1) {
        ok++;
      } else {
        summary("  NOT OK: " + Explanations.shortId(id) + " " + task(id).status() + " " + h);
      }
    }
    summary("  completed exactly once: " + ok + " of " + ids.size() + (ok == ids.size() ? "  OK" : "  FAILED"));
    return ok == ids.size();
  }

  static String seconds(double s) {
    return String.format(Locale.ROOT, "%.2f s", s);
  }
}
