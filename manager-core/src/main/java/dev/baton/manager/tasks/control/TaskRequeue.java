package dev.baton.manager.tasks.control;

import dev.baton.manager.config.ManagerSettings;
import dev.baton.manager.refusal.Refusal;
import dev.baton.store.RedisTaskStore;
import dev.baton.store.Requeued;
import dev.baton.task.TaskStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Requeues tasks from the dead-letter list (FAILED and DEAD) for a new attempt under the same id, one or
 * many; Redis requeues each atomically (requeue.lua) and the dispatcher sends them.
 */
@ApplicationScoped
public class TaskRequeue {
  /** The statuses of the dead-letter list. */
  public static final Set<TaskStatus> DEAD_LETTERS = Set.of(TaskStatus.FAILED, TaskStatus.DEAD);
  private static final int CHUNK = 500;

  @Inject RedisTaskStore store;
  @Inject Dispatcher dispatcher;
  @Inject ManagerSettings settings;

  /** @throws Refusal NOT_FOUND for an unknown task, CONFLICT for one not in the dead-letter list */
  public void one(String taskId, String actor) {
    Requeued r = requeue(List.of(taskId), actor);
    String refused = r.refused().get(taskId);
    if ("MISSING".equals(refused)) {
      throw Refusal.notFound("no task with id " + taskId);
    }
    if (refused != null) {
      throw Refusal.conflict("task " + taskId + " is " + refused + "; only FAILED and DEAD tasks can be retried");
    }
  }

  /** @return how many of these ids were requeued (the others are not FAILED or DEAD, or unknown) */
  public int ids(Collection<String> taskIds, String actor) {
    int n = 0;
    List<String> all = List.copyOf(taskIds);
    for (int from = 0; from < all.size(); from += CHUNK) {
      n += requeue(all.subList(from, Math.min(all.size(), from + CHUNK)), actor).requeued().size();
    }
    return n;
  }

  /** Requeues every task in {@code status} (FAILED or DEAD), a chunk per atomic step; @return how many. */
  public int all(TaskStatus status, String actor) {
    if (!DEAD_LETTERS.contains(status)) {
      throw Refusal.invalid("status", "must be FAILED or DEAD (the dead-letter list), not " + status);
    }
    int n = 0;
    while (true) {
      List<String> chunk = store.idsIn(status, CHUNK);
      int requeued = chunk.isEmpty() ? 0 : requeue(chunk, actor).requeued().size();
      n += requeued;
      if (requeued == 0) {
        return n;
      }
    }
  }

  private Requeued requeue(List<String> ids, String actor) {
    Requeued r = store.requeue(ids, "requeued by " + actor, actor, settings.dispatchTimeout());
    dispatcher.enqueue(r.requeued());
    return r;
  }
}
