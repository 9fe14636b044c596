package dev.baton.task;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Filters, order and paging of a task listing; empty or null filters match everything.
 *
 * @param statuses the task is in one of these (none: any)
 * @param idPrefix the start of the task's id (e.g. the eight characters the console shows), or null
 * @param descending for {@link TaskOrder#CREATED} newest first, for {@link TaskOrder#PRIORITY} the
 *     dispatch order, for {@link TaskOrder#PROGRESS} furthest along first
 * @param queue the task's named queue, or null for any
 * @param owner the user who submitted it, or null for anyone's
 * @param after where the page before ended (keyset paging: the page starts right after it), or null; with it the
 *     offset counts from there
 */
public record TaskQuery(
    Set<TaskStatus> statuses, String type, String workerId, String idPrefix, TaskOrder order, boolean descending, int offset, int limit,
    String queue, String owner, TaskCursor after) {

  /**
   * The furthest an offset pages in a listing where Redis walks every task before it (see {@link #offsetIsCheap()});
   * further pages go by a cursor.
   */
  public static final int MAX_OFFSET = 10_000;

  /** How deep a listing in several statuses may page: each status's first offset + limit tasks are read. */
  public static final int MAX_MERGED_DEPTH = 20_000;

  public TaskQuery {
    statuses = statuses == null || statuses.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(statuses));
    if (order == null) {
      order = TaskOrder.CREATED;
    }
  }

  /** From the start. */
  public TaskQuery(
      Set<TaskStatus> statuses, String type, String workerId, String idPrefix, TaskOrder order, boolean descending, int offset, int limit,
      String queue, String owner) {
    this(statuses, type, workerId, idPrefix, order, descending, offset, limit, queue, owner, null);
  }

  /** In any queue, anyone's. */
  public TaskQuery(
      Set<TaskStatus> statuses, String type, String workerId, String idPrefix, TaskOrder order, boolean descending, int offset, int limit) {
    this(statuses, type, workerId, idPrefix, order, descending, offset, limit, null, null);
  }

  /** The same, in one named queue. */
  public TaskQuery inQueue(String name) {
    return new TaskQuery(statuses, type, workerId, idPrefix, order, descending, offset, limit, name, owner, after);
  }

  /** The same, only the tasks {@code user} submitted. */
  public TaskQuery ownedBy(String user) {
    return new TaskQuery(statuses, type, workerId, idPrefix, order, descending, offset, limit, queue, user, after);
  }

  /** The same, starting right after {@code cursor} (null: from the start). */
  public TaskQuery after(TaskCursor cursor) {
    return new TaskQuery(statuses, type, workerId, idPrefix, order, descending, offset, limit, queue, owner, cursor);
  }

  /**
   * Whether an offset costs Redis no more than a cursor here: a listing that is one index read by rank (no filter, or
   * one in creation order; list.lua's range) finds any offset in O(log n). Filters intersected, a sort other than
   * the filter's own, a search or several statuses walk every task before the offset.
   */
  public boolean offsetIsCheap() {
    int filters = (statuses.size() == 1 ? 1 : 0) + (type != null ? 1 : 0) + (workerId != null ? 1 : 0) + (queue != null ? 1 : 0)
        + (owner != null ? 1 : 0);
    return statuses.size() <= 1 && idPrefix == null && (filters == 0 || filters == 1 && order == TaskOrder.CREATED);
  }

  /** The cursor after this page's last task, or null if there is no next page (the page was not full). */
  public TaskCursor next(java.util.List<TaskRecord> page) {
    return page.isEmpty() || page.size() < limit ? null : TaskCursor.after(page.get(page.size() - 1), order, descending);
  }

  /** Newest first. */
  public TaskQuery(Set<TaskStatus> statuses, String type, String workerId, int offset, int limit) {
    this(statuses, type, workerId, null, TaskOrder.CREATED, true, offset, limit);
  }

  /** In one status (or any, for null). */
  public static Set<TaskStatus> only(TaskStatus status) {
    return status == null ? Set.of() : Set.of(status);
  }
}
