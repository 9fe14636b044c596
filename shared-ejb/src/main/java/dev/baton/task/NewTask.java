package dev.baton.task;

import java.time.Instant;
import java.util.Objects;

/**
 * A validated request to create a task.
 *
 * @param data the task's parameters as JSON object text
 * @param checkpointIntervalS seconds between checkpoints, or {@code null} for the worker's default
 * @param runAt for a SCHEDULED task: when it is due; {@code null} otherwise
 * @param retry how its failed attempts are retried
 * @param limits its time limits and expiry
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
    TaskLimits limits) {
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
    if ((status == TaskStatus.SCHEDULED) != (runAt != null)) {
      throw new IllegalArgumentException("a SCHEDULED task, and only it, has a run_at");
    }
  }

  /** A task queued at once, without retries. */
  public NewTask(String id, String type, TaskStatus status, int priority, String data, Integer checkpointIntervalS) {
    this(id, type, status, priority, data, checkpointIntervalS, null, RetryPolicy.NONE, TaskLimits.NONE);
  }
}
