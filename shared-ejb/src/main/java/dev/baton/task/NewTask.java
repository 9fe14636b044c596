package dev.baton.task;

import java.util.Objects;

/**
 * A validated request to create a task.
 *
 * @param data the task's parameters as JSON object text
 * @param checkpointIntervalS seconds between checkpoints, or {@code null} for the worker's default
 */
public record NewTask(String id, String type, TaskStatus status, int priority, String data, Integer checkpointIntervalS) {
  public NewTask {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(data, "data");
    if (!TaskTransitions.INITIAL.contains(status)) {
      throw new IllegalArgumentException("a task cannot start in " + status);
    }
    if (priority < Priority.MIN || priority > Priority.MAX) {
      throw new IllegalArgumentException("priority out of range: " + priority);
    }
  }
}
