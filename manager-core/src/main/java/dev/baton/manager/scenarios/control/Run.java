package dev.baton.manager.scenarios.control;

import dev.baton.manager.scenarios.entity.ScenarioInfo;
import dev.baton.manager.scenarios.entity.ScenarioRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A scenario run as it happens: steps, narration, summary. Thread-safe; {@link #view()} copies it. */
final class Run {
  private static final int MAX_LINES = 2_000;

  private final Object lock = new Object();
  private final String id = UUID.randomUUID().toString();
  private final ScenarioInfo info;
  private final String actor;
  private final Instant startedAt = Instant.now();
  private final String[] stepState;
  private final Instant[] stepAt;
  private final String[] stepDetail;
  private final List<ScenarioRun.Line> log = new ArrayList<>();
  private final List<String> summary = new ArrayList<>();
  private int lines;
  private int active = -1;
  private String state = "RUNNING";
  private Instant endedAt;
  private Boolean ok;
  private String error;
  private volatile boolean abortRequested;

  Run(ScenarioInfo info, String actor) {
    this.info = info;
    this.actor = actor;
    int n = info.steps().size();
    stepState = new String[n];
    stepAt = new Instant[n];
    stepDetail = new String[n];
    java.util.Arrays.fill(stepState, "PENDING");
  }

  String id() {
    return id;
  }

  String name() {
    return info.name();
  }

  /** Step {@code n} (1-based) is under way; every step before it is done. */
  void step(int n) {
    synchronized (lock) {
      for (int i = 0; i < n - 1; i++) {
        if (!"DONE".equals(stepState[i])) {
          stepState[i] = "DONE";
          stepAt[i] = Instant.now();
        }
      }
      active = n - 1;
      stepState[active] = "ACTIVE";
      stepAt[active] = Instant.now();
      line("step", n + ". " + info.steps().get(active));
    }
  }

  /** What happened in the step under way (shown beside it). */
  void detail(String text) {
    synchronized (lock) {
      if (active >= 0) {
        stepDetail[active] = text;
      }
      line("note", "   " + text);
    }
  }

  void note(String text) {
    synchronized (lock) {
      line("note", "   " + text);
    }
  }

  void event(String text) {
    synchronized (lock) {
      line("event", "   " + text);
    }
  }

  void summary(String text) {
    synchronized (lock) {
      summary.add(text);
      line("summary", text);
    }
  }

  /** The run is over: every step done if it passed; the step under way FAILED if not. */
  void end(boolean passed, String why, boolean aborted) {
    synchronized (lock) {
      if (passed) {
        for (int i = 0; i < stepState.length; i++) {
          if (!"DONE".equals(stepState[i])) {
            stepState[i] = "DONE";
            stepAt[i] = Instant.now();
          }
        }
      } else if (active >= 0) {
        stepState[active] = "FAILED";
        stepDetail[active] = why;
      }
      state = aborted ? "ABORTED" : passed ? "PASSED" : "FAILED";
      ok = passed;
      error = why;
      endedAt = Instant.now();
      if (why != null) {
        line("note", (aborted ? "Stopped: " : "The scenario did not get there: ") + why);
      }
    }
  }

  void abort() {
    abortRequested = true;
  }

  boolean abortRequested() {
    return abortRequested;
  }

  boolean isRunning() {
    synchronized (lock) {
      return "RUNNING".equals(state);
    }
  }

  ScenarioRun view() {
    synchronized (lock) {
      List<ScenarioRun.Step> steps = new ArrayList<>();
      for (int i = 0; i < stepState.length; i++) {
        steps.add(new ScenarioRun.Step(i + 1, info.steps().get(i), stepState[i], stepAt[i], stepDetail[i]));
      }
      return new ScenarioRun(
          id, info.name(), info.title(), state, actor, startedAt, endedAt, steps, List.copyOf(log), List.copyOf(summary), ok, error);
    }
  }

  private void line(String kind, String text) {
    log.add(new ScenarioRun.Line(lines++, Instant.now(), kind, text));
    if (log.size() > MAX_LINES) {
      log.remove(0);
    }
  }
}
