package dev.baton.manager.tasks.control;

import dev.baton.manager.config.ManagerSettings;
import dev.baton.manager.refusal.Refusal;
import dev.baton.store.Deleted;
import dev.baton.store.RedisTaskStore;
import dev.baton.store.RetentionPass;
import dev.baton.task.TaskStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Removes finished tasks for good, each with all its keys and index entries in one atomic step: one by
 * hand, a purge by status and age, and retention, which keeps finished tasks for {@code
 * baton.retention.max-age-s} and at most {@code baton.retention.max-finished} of them. Retention runs on
 * the scheduler's timer {@value #TIMER} (see the Timekeeper), so with two managers one sweeps at a time.
 */
@ApplicationScoped
public class TaskRetention {
  /** The scheduler's timer that runs {@link #sweep}. */
  public static final String TIMER = "retention:tasks";
  /** How often retention looks, when it found nothing more to do. */
  public static final Duration EVERY = Duration.ofSeconds(5);
  /** Tasks removed per atomic step: a few milliseconds of Redis time. */
  static final int CHUNK = 500;
  /** How long one sweep may run before it yields to the scheduler's other timers. */
  private static final Duration BUDGET = Duration.ofMillis(500);

  @Inject RedisTaskStore store;
  @Inject ManagerSettings settings;

  /** @throws Refusal NOT_FOUND for an unknown task, CONFLICT for one that has not finished */
  public void delete(String taskId, String actor) {
    Deleted d = store.delete(List.of(taskId), "deleted by " + actor, actor);
    String refused = d.refused().get(taskId);
    if ("MISSING".equals(refused)) {
      throw Refusal.notFound("no task with id " + taskId);
    }
    if (refused != null) {
      throw Refusal.conflict("task " + taskId + " is " + refused + "; only a finished task can be deleted (cancel it first)");
    }
  }

  /**
   * Removes the finished tasks of {@code status} (any final status if null) that finished {@code olderThan}
   * ago or earlier.
   *
   * @return how many
   * @throws Refusal INVALID if the status is not a final one
   */
  public long purge(TaskStatus status, Duration olderThan, String actor) {
    if (status != null && !status.isFinal()) {
      throw Refusal.invalid("status", "must be a final status (COMPLETED, FAILED, CANCELLED, SKIPPED or DEAD), not " + status);
    }
    return store.purge(status, Instant.now().minus(olderThan), CHUNK, "purged by " + actor, actor);
  }

  /**
   * One round of retention: removes what the settings say, for at most {@link #BUDGET}.
   *
   * @return whether more is left to remove (then the caller comes back at once)
   */
  public boolean sweep() {
    long deadline = System.nanoTime() + BUDGET.toNanos();
    Duration maxAge = settings.retentionMaxAge();
    long maxFinished = settings.retentionMaxFinished();
    boolean more = removeWhile(deadline, Instant.now().minus(maxAge), -1, "retention: finished more than " + maxAge.toSeconds() + " s ago");
    if (!more && maxFinished >= 0) {
      more = removeWhile(deadline, Instant.EPOCH, maxFinished, "retention: more than " + maxFinished + " finished tasks");
    }
    return more;
  }

  /** Passes of one retention rule until nothing is left or the deadline; @return whether more is left. */
  private boolean removeWhile(long deadline, Instant finishedBy, long keep, String reason) {
    RetentionPass pass;
    do {
      pass = store.removeFinished(finishedBy, keep, null, 0, CHUNK, reason, "retention");
    } while (pass.more() && System.nanoTime() < deadline);
    return pass.more();
  }
}
