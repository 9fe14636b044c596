package dev.baton.manager.tasks.control;

import dev.baton.manager.refusal.Refusal;
import dev.baton.store.RedisTaskStore;
import dev.baton.task.CancelResult;
import dev.baton.task.TaskOrder;
import dev.baton.task.TaskQuery;
import dev.baton.task.TaskRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * Cancel or requeue every task a listing matches (the console's bulk buttons): the ids are read first, a
 * page at a time, then each is acted on by the same atomic step as a single one.
 */
@ApplicationScoped
public class BulkTaskActions {
  /** The most tasks one bulk action touches. */
  public static final int MAX = 100_000;
  private static final int PAGE = 1_000;

  @Inject RedisTaskStore store;
  @Inject TaskCancellation cancellation;
  @Inject TaskRequeue requeue;

  /** @return how many were cancelled or asked to stop (the others had ended meanwhile) */
  public int cancel(TaskQuery matching, String actor) {
    int n = 0;
    for (String id : ids(matching)) {
      try {
        CancelResult r = cancellation.cancel(id, actor);
        n += r.outcome() == CancelResult.Outcome.CANCELLED || r.outcome() == CancelResult.Outcome.REQUESTED ? 1 : 0;
      } catch (Refusal ended) {
        // finished or gone meanwhile: nothing to cancel
      }
    }
    return n;
  }

  /** @return how many were requeued (only FAILED and DEAD tasks are) */
  public int retry(TaskQuery matching, String actor) {
    return requeue.ids(ids(matching), actor);
  }

  private List<String> ids(TaskQuery q) {
    List<String> ids = new ArrayList<>();
    for (int offset = 0; offset < MAX; offset += PAGE) {
      List<TaskRecord> page =
          store.list(new TaskQuery(q.statuses(), q.type(), q.workerId(), q.idPrefix(), TaskOrder.CREATED, false, offset, PAGE, q.queue(), q.owner()))
              .items();
      page.forEach(t -> ids.add(t.id()));
      if (page.size() < PAGE) {
        break;
      }
    }
    return ids;
  }
}
