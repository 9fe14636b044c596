package dev.baton.manager.tasks.control;

import dev.baton.manager.config.ManagerSettings;
import dev.baton.manager.refusal.Refusal;
import dev.baton.manager.tasks.entity.Submission;
import dev.baton.manager.tasks.entity.TaskView;
import dev.baton.store.BusyException;
import dev.baton.store.Created;
import dev.baton.store.IdempotencyConflictException;
import dev.baton.store.RedisTaskStore;
import dev.baton.store.UnknownParentException;
import dev.baton.task.DispatchOrder;
import dev.baton.task.NewTask;
import dev.baton.task.TaskStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Accepts tasks: Redis first (all or nothing), then the broker through the dispatcher. A delayed task waits
 * SCHEDULED in Redis; the timekeeper queues it when it is due. A task with parents waits WAITING; Redis
 * releases it when the last one completes (see lib.lua), and the timekeeper sends it.
 */
@ApplicationScoped
public class TaskSubmission {
  @Inject RedisTaskStore store;
  @Inject Dispatcher dispatcher;
  @Inject ManagerSettings settings;

  /** The task a request asks for, with a new id: SCHEDULED if it is due later, else CREATED. */
  public static NewTask newTask(TaskSpec s, Instant now) {
    return newTask(s, UUID.randomUUID().toString(), List.of(), now);
  }

  /** WAITING if it has parents; else SCHEDULED if it is due later; else CREATED. */
  private static NewTask newTask(TaskSpec s, String id, List<String> parents, Instant now) {
    // a run_at already past runs now, as Celery does with an eta in the past
    boolean later = s.runAt() != null && s.runAt().isAfter(now);
    TaskStatus status = !parents.isEmpty() ? TaskStatus.WAITING : later ? TaskStatus.SCHEDULED : TaskStatus.CREATED;
    return new NewTask(
        id, s.type(), status, s.priority(), s.dataJson(), s.checkpointIntervalS(), later ? s.runAt() : null, s.retry(), s.limits(),
        parents, s.meta());
  }

  /**
   * @return the tasks as stored, in the order given
   * @throws Refusal INVALID if a task depends on one that does not exist, BUSY past baton.api.max-pending,
   *     CONFLICT for an idempotency key that made a task with another request (nothing is stored then)
   */
  public Submission submit(List<TaskSpec> specs) {
    Instant now = Instant.now();
    List<String> ids = new ArrayList<>(specs.size());
    Map<String, String> idOfRef = new HashMap<>();
    for (TaskSpec s : specs) {
      String id = UUID.randomUUID().toString();
      ids.add(id);
      if (s.ref() != null) {
        idOfRef.put(s.ref(), id);
      }
    }
    List<NewTask> tasks = new ArrayList<>(specs.size());
    for (int i = 0; i < specs.size(); i++) {
      List<String> parents = specs.get(i).dependsOn().stream().map(d -> idOfRef.getOrDefault(d, d)).distinct().toList();
      tasks.add(newTask(specs.get(i), ids.get(i), parents, now));
    }
    boolean graph = tasks.stream().anyMatch(t -> !t.dependsOn().isEmpty());
    List<NewTask> inOrder = graph ? TaskGraphs.parentsFirst(specs).stream().map(tasks::get).toList() : tasks;
    Created created;
    try {
      created = store.create(inOrder, settings.dispatchTimeout(), settings.maxPending());
    } catch (BusyException e) {
      throw Refusal.busy(
          e.pending() + " accepted tasks wait to start (baton.api.max-pending is " + settings.maxPending() + "); nothing was stored,"
              + " try again shortly");
    } catch (IdempotencyConflictException e) {
      throw Refusal.conflict(
          "idempotency key '" + e.key() + "' made task " + e.existingId() + " with another request; nothing was stored");
    } catch (UnknownParentException e) {
      TaskSpec s = specs.get(ids.indexOf(e.taskId()));
      throw Refusal.invalid(s.at() + "depends_on", "no task with id or ref '" + e.parentId() + "' (a ref names a task of the same batch)");
    }
    // Tasks released at once are sent by the timekeeper (their send timer); only the plain CREATED go here.
    dispatcher.enqueue(
        tasks.stream()
            .filter(t -> t.status() == TaskStatus.CREATED && !created.existing().containsKey(t.id()) && !created.parked().contains(t.id()))
            .map(t -> new DispatchOrder(t.id(), 0, t.type(), t.priority(), null, 0, t.meta().queue()))
            .toList());
    List<TaskView> views = new ArrayList<>(tasks.size());
    for (int i = 0; i < tasks.size(); i++) {
      NewTask t = tasks.get(i);
      TaskView accepted = TaskView.created(t, specs.get(i).data(), created.at());
      String existing = created.existing().get(t.id());
      if (existing != null) {
        views.add(store.find(existing).map(TaskView::of).orElse(accepted));
      } else {
        // with parents it may have moved on at once, and its queue may hold it back: as stored
        boolean asStored = !t.dependsOn().isEmpty() || created.parked().contains(t.id());
        views.add(asStored ? store.find(t.id()).map(TaskView::of).orElse(accepted) : accepted);
      }
    }
    return new Submission(views, tasks.size() - created.existing().size());
  }
}
