package dev.baton.task;

/** How a task listing is sorted. */
public enum TaskOrder {
  /** By creation time (descending: newest first). */
  CREATED,
  /** In the broker's dispatch order (descending: highest priority first, then oldest first). */
  PRIORITY,
  /** By progress, ties by id. */
  PROGRESS
}
