package dev.baton.console.pages;

import dev.baton.manager.tasks.control.TaskLookup;
import dev.baton.task.Page;
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

  @Override
  public List<TaskRecord> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
    Page<TaskRecord> page = lookup.page(query(first, pageSize, sortBy));
    setRowCount((int) Math.min(Integer.MAX_VALUE, page.total()));
    return page.items();
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

  @Override
  public String getRowKey(TaskRecord task) {
    return task.id();
  }

  @Override
  public TaskRecord getRowData(String rowKey) {
    return lookup.find(rowKey).filter(t -> owner == null || owner.equals(t.owner())).orElse(null);
  }
}
