package dev.baton.console.pages;

import dev.baton.cluster.FailureMode;
import dev.baton.cluster.WorkerRecord;
import dev.baton.console.faces.Attempt;
import dev.baton.console.faces.FieldMessages;
import dev.baton.console.push.ConsolePush;
import dev.baton.manager.cluster.control.ClusterView;
import dev.baton.manager.cluster.control.LiveWorkers;
import dev.baton.manager.cluster.entity.ClusterPicture;
import dev.baton.manager.cluster.entity.WorkerCondition;
import dev.baton.manager.operations.Operations;
import dev.baton.manager.system.control.Explanations;
import dev.baton.store.StoreUnavailableException;
import dev.baton.task.TaskStatus;
import dev.baton.task.TaskSummary;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A card per worker: condition, slots, load, heartbeat, types, running tasks; and the actions that break
 * and mend things (fail, overload, recover, start again, migrate one of its tasks), each confirmed first.
 */
@Named
@ViewScoped
public class WorkersPage implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject dev.baton.manager.security.Callers callers;
  @Inject dev.baton.manager.tasks.control.TaskOwners owners;
  @Inject ClusterView cluster;
  @Inject Operations ops;

  /** One worker as its card shows it. */
  public record Card(WorkerRecord worker, WorkerCondition condition, boolean alive, boolean restartable, List<TaskSummary> running) {
    public String getId() {
      return worker.id();
    }

    public String typesText() {
      return worker.types().isEmpty() ? "—" : String.join(", ", worker.types());
    }

    public String conditionClass() {
      return "cond-" + condition.code().name().toLowerCase(Locale.ROOT);
    }
  }

  private transient List<Card> cards;
  private boolean unavailable;

  // the dialogs' fields
  private String worker;
  private String failMode = "crash";
  private double factor = 3;
  private int durationS = 60;
  private String migrateTask;
  private String migrateTarget = "";

  @PostConstruct
  void init() {
    refresh();
  }

  public void refresh() {
    try {
      ClusterPicture p = cluster.now(ConsolePush.QUEUE_SHOWN, 1);
      var me = callers.console();
      if (!me.seesAll()) { // a viewer's or operator's cards list their own running tasks only
        p = dev.baton.console.push.OwnPicture.of(p, id -> String.valueOf(me.user()).equals(owners.ownerOf(id)));
      }
      List<Card> list = new ArrayList<>();
      for (WorkerRecord w : p.snapshot().workers()) {
        boolean alive = LiveWorkers.isAlive(w, p.snapshot().at());
        List<TaskSummary> running = p.snapshot().tasks().stream().filter(t -> w.id().equals(t.workerId()) && t.status().isOwned()).toList();
        list.add(new Card(w, p.conditions().get(w.id()), alive, p.canRestart() && !alive && w.id().matches("worker-\\d{1,3}"), running));
      }
      cards = list;
      unavailable = false;
    } catch (StoreUnavailableException e) {
      cards = List.of();
      unavailable = true;
    }
  }

  public List<Card> getCards() {
    if (cards == null) {
      refresh();
    }
    return cards;
  }

  public boolean isUnavailable() {
    return unavailable;
  }

  public boolean isNoneAlive() {
    return getCards().stream().noneMatch(Card::alive);
  }

  /** Opens a dialog for {@code id}: remembers which worker it is about. */
  public void choose(String id) {
    worker = id;
    migrateTask = null;
    migrateTarget = "";
  }

  public void fail() {
    FailureMode mode = FailureMode.valueOf(failMode.toUpperCase(Locale.ROOT));
    Attempt.of(() -> ops.fail(worker, mode, callers.console()))
        .ifPresent(sent -> FieldMessages.info(worker + ": " + failMode + " requested", describe(mode)));
    refresh();
  }

  public void overload() {
    if (factor <= 1 || factor > 20) {
      FieldMessages.error("factor must be a number above 1 and at most 20", "");
      return;
    }
    Attempt.of(() -> ops.overload(worker, factor, durationS, callers.console()))
        .ifPresent(sent -> FieldMessages.info(worker + " overloaded", "every step takes " + factor + " times as long for " + durationS + " s; the balancer moves its tasks away"));
    refresh();
  }

  public void recover() {
    Attempt.of(() -> ops.recover(worker, callers.console()))
        .ifPresent(sent -> FieldMessages.info(worker + ": recovery requested", "hang, partition and overload are undone"));
    refresh();
  }

  public void restart() {
    Attempt.of(() -> ops.restart(worker, callers.console())).ifPresent(sent -> FieldMessages.info(worker + " started again", sent.detail()));
    refresh();
  }

  public void migrate() {
    if (migrateTask == null || migrateTask.isBlank()) {
      FieldMessages.error("Pick the task to migrate", "");
      return;
    }
    String to = migrateTarget == null || migrateTarget.isBlank() ? null : migrateTarget;
    Attempt.of(() -> ops.migrate(migrateTask, to, callers.console()), Map.of("worker_id", "workerMigrateForm:migrateTarget"))
        .ifPresent(
            started ->
                FieldMessages.info(
                    "Migrating " + Explanations.shortId(migrateTask) + " from " + started.from() + " to " + started.to(),
                    started.from() + " lets go at its next step boundary; " + started.to() + " resumes it from that checkpoint"));
    refresh();
  }

  /** The running tasks of the worker the dialog is about (for "migrate one of its tasks"). */
  public List<TaskSummary> getChosenTasks() {
    return getCards().stream()
        .filter(c -> c.getId().equals(worker))
        .flatMap(c -> c.running().stream())
        .filter(t -> t.status() == TaskStatus.RUNNING)
        .toList();
  }

  /** Live workers other than the chosen one (targets of a migration). */
  public List<String> getOtherLiveWorkers() {
    return getCards().stream().filter(c -> c.alive() && !c.getId().equals(worker)).map(Card::getId).toList();
  }

  private static String describe(FailureMode mode) {
    return switch (mode) {
      case CRASH -> "its process halts at once, like kill -9; the broker and Redis see its connections close";
      case HANG -> "it freezes: no heartbeats, no work; after its lease runs out it is declared FAILED";
      case PARTITION -> "cut off the network (where demo.sh runs as root; else its heartbeats stop): its work goes on, and once"
          + " declared FAILED its writes are refused (fenced)";
    };
  }

  public String getWorker() {
    return worker;
  }

  public void setWorker(String worker) {
    this.worker = worker;
  }

  public String getFailMode() {
    return failMode;
  }

  public void setFailMode(String failMode) {
    this.failMode = failMode;
  }

  public double getFactor() {
    return factor;
  }

  public void setFactor(double factor) {
    this.factor = factor;
  }

  public int getDurationS() {
    return durationS;
  }

  public void setDurationS(int durationS) {
    this.durationS = durationS;
  }

  public String getMigrateTask() {
    return migrateTask;
  }

  public void setMigrateTask(String migrateTask) {
    this.migrateTask = migrateTask;
  }

  public String getMigrateTarget() {
    return migrateTarget;
  }

  public void setMigrateTarget(String migrateTarget) {
    this.migrateTarget = migrateTarget;
  }
}
