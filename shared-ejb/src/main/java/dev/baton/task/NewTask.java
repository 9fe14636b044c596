package dev.baton.task;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A validated request to create a task.
 *
 * @param data the task's parameters as JSON object text
 * @param checkpointIntervalS seconds between checkpoints, or {@code null} for the worker's default
 * @param runAt when it is due, for a SCHEDULED task (or a WAITING one, once its parents have completed);
 *     {@code null} otherwise
 * @param retry how its failed attempts are retried
 * @param limits its time limits and expiry
 * @param dependsOn the ids of the tasks it waits for: a task with any is WAITING
 * @param meta its label and idempotency key
 */
public record NewTask(
    String id,
    String type,
    TaskStatus status,
    int priority,
    String data,
    Integer checkpointIntervalS,
    Instant runAt,
    RetryPolicy retry,
    TaskLimits limits,
    List<String> dependsOn,
    TaskMeta meta) {
  public NewTask {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(limits, "limits");
    if (!TaskTransitions.INITIAL.contains(status)) {
      throw new IllegalArgumentException("a task cannot start in " + status);
    }
    if (priority < Priority.MIN || priority > Priority.MAX) {
      throw new IllegalArgumentException("priority out of range: " + priority);
    }
    dependsOn = List.copyOf(dependsOn);
    if ((status == TaskStatus.WAITING) != !dependsOn.isEmpty()) {
      throw new IllegalArgumentException("a WAITING task, and only it, depends on others");
    }
    if (status == TaskStatus.SCHEDULED ? runAt == null : runAt != null && status != TaskStatus.WAITING) {
      throw new IllegalArgumentException("a SCHEDULED task, and only it (or a WAITING one), has a run_at");
    }
  }

  /** A task without parents. */
  public NewTask(
      String id, String type, TaskStatus status, int priority, String data, Integer checkpointIntervalS, Instant runAt,
      RetryPolicy retry, TaskLimits limits) {
    this(id, type, status, priority, data, checkpointIntervalS, runAt, retry, limits, List.of(), TaskMeta.NONE);
  }

  /** A task queued at once, without retries. */
  public NewTask(String id, String type, TaskStatus status, int priority, String data, Integer checkpointIntervalS) {
    this(id, type, status, priority, data, checkpointIntervalS, null, RetryPolicy.NONE, TaskLimits.NONE);
  }
}
