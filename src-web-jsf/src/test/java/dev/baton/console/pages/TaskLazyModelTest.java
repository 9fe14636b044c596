package dev.baton.console.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.manager.tasks.control.TaskLookup;
import dev.baton.task.Page;
import dev.baton.task.TaskOrder;
import dev.baton.task.TaskQuery;
import dev.baton.task.TaskRecord;
import dev.baton.task.RetryPolicy;
import dev.baton.task.TaskStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

/** The table asks the store for exactly the page it shows, in its sort, with the page's filters. */
class TaskLazyModelTest {
  private final List<TaskQuery> asked = new ArrayList<>();
  private TaskLazyModel.Filters filters = new TaskLazyModel.Filters(null, null, null, null);

  /** A lookup over 100,000 tasks that answers any page and remembers what it was asked. */
  private final TaskLookup lookup =
      new TaskLookup() {
        @Override
        public Page<TaskRecord> page(TaskQuery q) {
          asked.add(q);
          List<TaskRecord> items = new ArrayList<>();
          for (int i = q.offset(); i < Math.min(100_000, q.offset() + q.limit()); i++) {
            items.add(
                new TaskRecord("t" + i, "noop", TaskStatus.COMPLETED, 4, "{}", 100, null, "worker-1", 1, 1, Instant.EPOCH, Instant.EPOCH, null,
                    null, null, null, null, null, 0, null, 0, RetryPolicy.NONE, 0, null, null, dev.baton.task.TaskLimits.NONE, dev.baton.task.TaskDependencies.NONE, null, "default", null, false, null));
          }
          return new Page<>(items, 100_000, q.offset(), q.limit());
        }
      };

  private final TaskLazyModel cut = new TaskLazyModel(lookup, () -> filters);

  private static Map<String, SortMeta> sort(String field, SortOrder order) {
    return Map.of(field, SortMeta.builder().field(field).order(order).build());
  }

  @Test
  void aDeepPageIsOneQueryForItsRowsOnly() {
    List<TaskRecord> rows = cut.load(99_975, 25, Map.of(), Map.of());

    assertEquals(25, rows.size());
    assertEquals("t99975", rows.get(0).id());
    assertEquals(100_000, cut.getRowCount());
    TaskQuery q = asked.get(0);
    assertEquals(99_975, q.offset());
    assertEquals(25, q.limit());
    assertEquals(TaskOrder.CREATED, q.order());
    assertTrue(q.descending(), "newest first unless a column says otherwise");
  }

  @Test
  void theColumnSortBecomesTheStoresOrder() {
    cut.load(0, 10, sort("priority", SortOrder.DESCENDING), Map.of());
    cut.load(0, 10, sort("progress", SortOrder.ASCENDING), Map.of());
    cut.load(0, 10, sort("createdAt", SortOrder.ASCENDING), Map.of());

    assertEquals(List.of(TaskOrder.PRIORITY, TaskOrder.PROGRESS, TaskOrder.CREATED), asked.stream().map(TaskQuery::order).toList());
    assertEquals(List.of(true, false, false), asked.stream().map(TaskQuery::descending).toList());
  }

  @Test
  void thePagesFiltersGoWithEveryQuery() {
    filters = new TaskLazyModel.Filters(TaskStatus.RUNNING, "sleep", "worker-2", "3f2a");
    cut.count(Map.of());
    cut.load(50, 50, Map.of(), Map.of());

    for (TaskQuery q : asked) {
      assertEquals(java.util.Set.of(TaskStatus.RUNNING), q.statuses());
      assertEquals("sleep", q.type());
      assertEquals("worker-2", q.workerId());
      assertEquals("3f2a", q.idPrefix());
    }
    assertEquals(0, asked.get(0).limit(), "counting reads no rows");
  }

  @Test
  void rowsAreKeyedByTheirId() {
    TaskRecord row = cut.load(0, 1, Map.of(), Map.of()).get(0);
    assertEquals(row.id(), cut.getRowKey(row));
  }
}
