package dev.baton.manager.scenarios.control;

import dev.baton.event.BatonEvent;
import dev.baton.manager.cluster.control.WorkerLauncher;
import dev.baton.manager.operations.Actor;
import dev.baton.manager.operations.Operations;
import dev.baton.manager.refusal.Refusal;
import dev.baton.manager.scenarios.entity.ScenarioInfo;
import dev.baton.manager.scenarios.entity.ScenarioRun;
import dev.baton.manager.system.control.Explanations;
import dev.baton.manager.tasks.control.TaskLookup;
import dev.baton.manager.workers.control.WorkerLookup;
import dev.baton.manager.config.Threads;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the demo scenarios inside the manager, one at a time, for every entry point: demo.sh starts one
 * through the REST API and prints its narration, the console shows its steps ticking. Each change of a
 * run is fired as a {@link ScenarioRun} CDI event.
 */
@ApplicationScoped
public class ScenarioEngine {
  private static final Logger LOG = Logger.getLogger(ScenarioEngine.class.getName());
  private static final int KEPT_RUNS = 10;

  @Inject Threads threads;
  @Inject Operations ops;
  @Inject TaskLookup tasks;
  @Inject WorkerLookup workers;
  @Inject WorkerLauncher launcher;
  @Inject Event<ScenarioRun> changed;

  private final Object lock = new Object();
  private final Deque<Run> runs = new ArrayDeque<>();
  private final Signal signal = new Signal();
  private volatile Run current;
  private volatile ScenarioContext context;

  public List<ScenarioInfo> catalogue() {
    return DemoScenarios.CATALOGUE;
  }

  /** True where crashed workers can be started again by the manager (a launcher started the cluster). */
  public boolean canRestartWorkers() {
    return launcher.available();
  }

  /**
   * Starts a scenario in the background.
   *
   * @throws Refusal NOT_FOUND for an unknown scenario, CONFLICT while another runs or with fewer than three
   *     live workers
   */
  public ScenarioRun start(String name, Actor actor) {
    ScenarioInfo info = DemoScenarios.info(name);
    if (info == null) {
      throw Refusal.notFound(
          "no scenario named '" + name + "'; known: " + String.join(", ", catalogue().stream().map(ScenarioInfo::name).toList()));
    }
    Run run;
    synchronized (lock) {
      if (current != null && current.isRunning()) {
        throw Refusal.conflict("the scenario " + current.name() + " is running; wait for it to end or stop it");
      }
      run = new Run(info, actor.toString());
      ScenarioContext ctx = new ScenarioContext(run, ops, tasks, workers, launcher.available(), signal, actor);
      if (ctx.liveWorkers().size() < 3) {
        throw Refusal.conflict("a scenario needs three live workers; there are " + ctx.liveWorkers().size());
      }
      runs.addFirst(run);
      while (runs.size() > KEPT_RUNS) {
        runs.removeLast();
      }
      current = run;
      context = ctx;
      threads.factory().newThread(() -> play(run, ctx)).start();
    }
    publish(run);
    return run.view();
  }

  /** Asks the running scenario to stop; it undoes what it broke. */
  public ScenarioRun abort(String runId) {
    Run run = runs(runId);
    run.abort();
    signal.changed();
    return run.view();
  }

  public Optional<ScenarioRun> current() {
    Run r = current;
    return r == null ? Optional.empty() : Optional.of(r.view());
  }

  public ScenarioRun find(String runId) {
    return runs(runId).view();
  }

  private Run runs(String runId) {
    synchronized (lock) {
      return runs.stream()
          .filter(r -> r.id().equals(runId))
          .findFirst()
          .orElseThrow(() -> Refusal.notFound("no scenario run with id " + runId));
    }
  }

  private void play(Run run, ScenarioContext ctx) {
    boolean passed = false;
    String why = null;
    boolean aborted = false;
    try {
      passed = DemoScenarios.play(run.name(), ctx);
    } catch (ScenarioContext.ScenarioFailed e) {
      why = e.getMessage();
      aborted = e.aborted;
    } catch (Refusal e) {
      why = e.getMessage();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "scenario " + run.name() + " failed", e);
      why = "unexpected error: " + e;
    } finally {
      if (!passed) {
        ctx.cleanUp();
      }
      run.end(passed, why, aborted);
      publish(run);
      LOG.info(() -> "scenario " + run.name() + " ended: " + run.view().state());
    }
  }

  /** Narrates what happens to the run's tasks and to the workers, and wakes its waiting step. */
  void onEvent(@Observes BatonEvent e) {
    Run run = current;
    if (run == null || !run.isRunning()) {
      return;
    }
    ScenarioContext ctx = context;
    boolean ours = ctx != null && ctx.concerns(e.taskId());
    if (ours || e.type().startsWith("worker.")) {
      if (!e.type().equals("task.checkpoint") && !e.type().equals("task.created")) {
        run.event(Explanations.of(e).text());
        publish(run);
      }
    }
    signal.changed();
  }

  private void publish(Run run) {
    try {
      changed.fire(run.view());
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "a scenario observer failed", e);
    }
  }
}
