package dev.baton.console.pages;

import dev.baton.cluster.WorkerRecord;
import dev.baton.cluster.WorkerStatus;
import dev.baton.console.faces.Attempt;
import dev.baton.console.faces.FieldMessages;
import dev.baton.manager.cluster.control.LiveWorkers;
import dev.baton.manager.operations.Operations;
import dev.baton.manager.refusal.Refusal;
import dev.baton.manager.tasks.control.TaskLookup;
import dev.baton.manager.tasks.entity.TaskView;
import dev.baton.manager.workers.control.WorkerLookup;
import dev.baton.store.StoreUnavailableException;
import dev.baton.task.TaskStatus;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One task: every field, its state history as a timeline, its checkpoint, result or error, live progress;
 * and what one can do with it (migrate, for now).
 */
@Named
@ViewScoped
public class TaskDetailPage implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject dev.baton.manager.security.Callers callers;
  @Inject TaskLookup lookup;
  @Inject dev.baton.manager.tasks.control.TaskGraph graphs;
  @Inject WorkerLookup workers;
  @Inject Operations ops;

  private String id;
  private transient TaskView task;
  private transient List<dev.baton.manager.tasks.entity.TaskGraphView.Node> parents = List.of();
  private transient List<dev.baton.manager.tasks.entity.TaskGraphView.Node> dependents = List.of();
  private String problem;
  private String target = "";

  /** Reads the task (on the first request, and whenever a push says it changed). */
  public void load() {
    problem = null;
    if (id == null || id.isBlank()) {
      problem = "No task was named: open one from the task table.";
      return;
    }
    try {
      task = lookup.detail(id.trim(), callers.console());
      var near = graphs.neighbours(task.id());
      java.util.Set<String> up = java.util.Set.copyOf(task.dependsOn());
      java.util.Set<String> down = near.edges().stream().filter(e -> e.from().equals(task.id())).map(e -> e.to()).collect(java.util.stream.Collectors.toSet());
      parents = near.nodes().stream().filter(n -> up.contains(n.id())).toList();
      dependents = near.nodes().stream().filter(n -> down.contains(n.id())).toList();
    } catch (Refusal r) {
      task = null;
      problem = "There is no task with the id " + id + ".";
    } catch (StoreUnavailableException e) {
      problem = "Redis is unavailable; the task cannot be read right now.";
    }
  }

  /** Its dependencies drawn (SVG): parents, the task, dependents. */
  public String getDependencyPicture() {
    if (task == null) {
      return "";
    }
    var self = new dev.baton.manager.tasks.entity.TaskGraphView.Node(task.id(), task.type(), task.status(), task.progress(), task.parentsLeft());
    return dev.baton.console.faces.DependencyPicture.svg(parents, self, dependents);
  }

  /** The tasks it depends on, with their statuses. */
  public List<dev.baton.manager.tasks.entity.TaskGraphView.Node> getParents() {
    return parents;
  }

  /** The tasks that depend on it, with their statuses. */
  public List<dev.baton.manager.tasks.entity.TaskGraphView.Node> getDependents() {
    return dependents;
  }

  public void refresh() {
    load();
  }

  /** Live workers that run the task's type, other than the one running it: where it may go. */
  public List<WorkerRecord> getTargets() {
    if (task == null) {
      return List.of();
    }
    try {
      Instant now = Instant.now();
      return workers.all().stream()
          .filter(w -> LiveWorkers.isAlive(w, now) && w.types().contains(task.type()) && !w.id().equals(task.workerId()))
          .toList();
    } catch (StoreUnavailableException e) {
      return List.of();
    }
  }

  public String targetLabel(WorkerRecord w) {
    return w.id() + " (" + w.activeTasks().size() + "/" + w.slots() + " slots busy" + (w.status() == WorkerStatus.OVERLOADED ? ", OVERLOADED" : "") + ")";
  }

  /** Not ended yet: it can be cancelled. */
  public boolean isCancellable() {
    return task != null && !task.status().isFinal();
  }

  /** In the dead-letter list: it can be requeued. */
  public boolean isRetryable() {
    return task != null && (task.status() == TaskStatus.FAILED || task.status() == TaskStatus.DEAD);
  }

  public void cancel() {
    Attempt.of(() -> ops.cancel(id, callers.console()))
        .ifPresent(
            r -> {
              String shortId = dev.baton.manager.system.control.Explanations.shortId(id);
              if (r.outcome() == dev.baton.task.CancelResult.Outcome.CANCELLED) {
                FieldMessages.info("Cancelled " + shortId, "No worker had it; it will not run.");
              } else {
                FieldMessages.info("Cancelling " + shortId, r.owner() + " stops it at its next step boundary.");
              }
              load();
            });
  }

  public void retry() {
    if (act(() -> ops.retry(id, callers.console()), "Requeued", "A new attempt under the same id, from its last checkpoint.")) {
      load();
    }
  }

  /** Runs an action on this task; on success tells so in the growl. @return whether it succeeded */
  private boolean act(Runnable action, String done, String detail) {
    boolean ok =
        Attempt.of(
                () -> {
                  action.run();
                  return Boolean.TRUE;
                })
            .isPresent();
    if (ok) {
      FieldMessages.info(done + " " + dev.baton.manager.system.control.Explanations.shortId(id), detail);
    }
    return ok;
  }

  /** Finished: it can be deleted for good. */
  public boolean isDeletable() {
    return task != null && task.status().isFinal();
  }

  /** Deletes the finished task and goes to the task table, which says so. */
  public String delete() {
    if (!act(() -> ops.delete(id, callers.console()), "Deleted", "The task, its result and its history are gone for good.")) {
      return null;
    }
    jakarta.faces.context.FacesContext.getCurrentInstance().getExternalContext().getFlash().setKeepMessages(true);
    return "/console/tasks?faces-redirect=true";
  }

  public boolean isMigratable() {
    return task != null && task.status() == TaskStatus.RUNNING;
  }

  public void migrate() {
    String to = target == null || target.isBlank() ? null : target;
    Attempt.of(() -> ops.migrate(id, to, callers.console()), Map.of("worker_id", "migrateForm:target"))
        .ifPresent(
            started -> {
              FieldMessages.info(
                  "Migrating " + dev.baton.manager.system.control.Explanations.shortId(id) + " from " + started.from() + " to " + started.to(),
                  started.from() + " lets go at its next step boundary with a final checkpoint; " + started.to() + " resumes it from there.");
              target = "";
              load();
            });
  }

  public String getId() {
    return id;
  }

  public void setId(String id) {
    this.id = id;
  }

  public TaskView getTask() {
    if (task == null && problem == null) {
      load();
    }
    return task;
  }

  public String getProblem() {
    return problem;
  }

  public String getTarget() {
    return target;
  }

  public void setTarget(String target) {
    this.target = target;
  }
}
