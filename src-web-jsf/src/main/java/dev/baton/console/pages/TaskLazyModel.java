package dev.baton.console.pages;

import dev.baton.console.faces.FieldMessages;
import dev.baton.manager.tasks.control.TaskLookup;
import dev.baton.task.Page;
import dev.baton.task.TaskCursor;
import dev.baton.task.TaskOrder;
import dev.baton.task.TaskQuery;
import dev.baton.task.TaskRecord;
import dev.baton.task.TaskStatus;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

/**
 * The task table's rows, one page at a time from Redis (the store sorts and filters; 100,000 tasks are no
 * more work than 100). Filters come from the page's tabs and fields; the table's column sort picks the order.
 */
public class TaskLazyModel extends LazyDataModel<TaskRecord> {
  private static final long serialVersionUID = 1L;

  /** The page's filters: status, type, worker, id prefix (any may be null). */
  public record Filters(TaskStatus status, String type, String worker, String idPrefix) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** Where the filters come from (the page's fields); serializable, as the view that holds the model. */
  public interface FilterSource extends Supplier<Filters>, Serializable {}

  private final TaskLookup lookup;
  private final FilterSource filters;
  /** Whose tasks the table shows (a viewer's or operator's own), or null: everyone's (an admin's table). */
  private final String owner;

  public TaskLazyModel(TaskLookup lookup, FilterSource filters) {
    this(lookup, filters, null);
  }

  public TaskLazyModel(TaskLookup lookup, FilterSource filters, String owner) {
    this.lookup = lookup;
    this.filters = filters;
    this.owner = owner;
  }

  @Override
  public int count(Map<String, FilterMeta> filterBy) {
    return (int) Math.min(Integer.MAX_VALUE, lookup.page(query(0, 0, Map.of())).total());
  }

  /**
   * The pages read so far of the listing the table shows now: the first row of a page -> the cursor of the row before
   * it (TaskCursor.encode). Paging on goes by cursor (keyset: Redis finds the place in O(log n)); a page jumped to goes
   * by offset where that is cheap (TaskQuery.offsetIsCheap) or within TaskQuery.MAX_OFFSET of either end, else it is
   * out of reach and the table says so.
   */
  private final Map<Integer, String> cursors = new java.util.HashMap<>();
  /** Which listing the cursors belong to (its filters, order and page size). */
  private String listing;

  @Override
  public List<TaskRecord> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
    TaskQuery q = query(0, pageSize, sortBy);
    String now = q.statuses() + "|" + q.type() + "|" + q.workerId() + "|" + q.idPrefix() + "|" + q.order() + "|" + q.descending() + "|" + pageSize;
    if (!now.equals(listing)) {
      cursors.clear();
      listing = now;
    }
    String before = cursors.get(first);
    List<TaskRecord> rows;
    long total;
    if (first == 0 || before != null || first <= TaskQuery.MAX_OFFSET || q.offsetIsCheap()) {
      TaskQuery at = before != null ? q.after(TaskCursor.decode(before).orElseThrow()) : query(first, pageSize, sortBy);
      Page<TaskRecord> page = lookup.page(at);
      rows = page.items();
      total = page.total();
    } else {
      // a page near the end: the first rows of the listing read the other way round
      total = lookup.page(query(0, 0, sortBy)).total();
      long fromEnd = total - first - pageSize;
      if (fromEnd > TaskQuery.MAX_OFFSET) {
        tooFarIn();
        setRowCount((int) Math.min(Integer.MAX_VALUE, total));
        return List.of();
      }
      TaskQuery reversed = query(0, 0, sortBy);
      reversed =
          new TaskQuery(
              reversed.statuses(), reversed.type(), reversed.workerId(), reversed.idPrefix(), reversed.order(), !reversed.descending(),
              (int) Math.max(0, fromEnd), (int) Math.min(pageSize, total - first), reversed.queue(), reversed.owner());
      rows = new java.util.ArrayList<>(lookup.page(reversed).items());
      java.util.Collections.reverse(rows);
    }
    TaskCursor next = q.next(rows);
    if (next != null) {
      cursors.put(first + rows.size(), next.encode());
    }
    setRowCount((int) Math.min(Integer.MAX_VALUE, total));
    return rows;
  }

  /** The store's query for a page of the table: its filters, and the column sort (newest first without one). */
  TaskQuery query(int first, int pageSize, Map<String, SortMeta> sortBy) {
    Filters f = filters.get();
    TaskOrder order = TaskOrder.CREATED;
    boolean descending = true;
    for (SortMeta s : sortBy.values()) {
      if (s.getOrder() == SortOrder.UNSORTED) {
        continue;
      }
      order = switch (s.getField()) {
        case "priority" -> TaskOrder.PRIORITY;
        case "progress" -> TaskOrder.PROGRESS;
        default -> TaskOrder.CREATED;
      };
      descending = s.getOrder() == SortOrder.DESCENDING;
      break;
    }
    TaskQuery q = new TaskQuery(TaskQuery.only(f.status()), f.type(), f.worker(), f.idPrefix(), order, descending, first, pageSize);
    return owner == null ? q : q.ownedBy(owner);
  }

  /** The page asked for is beyond the offset's cap from both ends: said on the page. */
  protected void tooFarIn() {
    FieldMessages.info("This page is too far in", "Page on from a page you have, or narrow the list with the filters.");
  }

  @Override
  public String getRowKey(TaskRecord task) {
    return task.id();
  }

  @Override
  public TaskRecord getRowData(String rowKey) {
    return lookup.find(rowKey).filter(t -> owner == null || owner.equals(t.owner())).orElse(null);
  }
}
