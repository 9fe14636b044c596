package dev.baton.task;

/**
 * Filters, order and paging of a task listing; null filters match everything.
 *
 * @param idPrefix the start of the task's id (e.g. the eight characters the console shows), or null
 * @param descending for {@link TaskOrder#CREATED} newest first, for {@link TaskOrder#PRIORITY} the
 *     dispatch order, for {@link TaskOrder#PROGRESS} furthest along first
 */
public record TaskQuery(
    TaskStatus status, String type, String workerId, String idPrefix, TaskOrder order, boolean descending, int offset, int limit) {

  public TaskQuery {
    if (order == null) {
      order = TaskOrder.CREATED;
    }
  }

  /** Newest first. */
  public TaskQuery(TaskStatus status, String type, String workerId, int offset, int limit) {
    this(status, type, workerId, null, TaskOrder.CREATED, true, offset, limit);
  }
}
