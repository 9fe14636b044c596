package dev.baton.console.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

  /**
   * A lookup over 100,000 tasks, t0 the newest, that answers any page - from an offset or after a cursor, either way
   * round - and remembers what it was asked.
   */
  private final TaskLookup lookup =
      new TaskLookup() {
        @Override
        public Page<TaskRecord> page(TaskQuery q) {
          asked.add(q);
          int start = q.offset() + (q.after() == null ? 0 : position(q.after().id(), q.descending()) + 1);
          List<TaskRecord> items = new ArrayList<>();
          for (int i = start; i < Math.min(100_000, start + q.limit()); i++) {
            items.add(task(q.descending() ? i : 99_999 - i));
          }
          return new Page<>(items, 100_000, q.offset(), q.limit());
        }
      };

  private static int position(String id, boolean descending) {
    int n = Integer.parseInt(id.substring(1));
    return descending ? n : 99_999 - n;
  }

  private static TaskRecord task(int n) {
    return new TaskRecord("t" + n, "noop", TaskStatus.COMPLETED, 4, "{}", 100, null, "worker-1", 1, 1, Instant.ofEpochMilli(1_000_000L - n),
        Instant.EPOCH, null, null, null, null, null, null, 0, null, 0, RetryPolicy.NONE, 0, null, null, dev.baton.task.TaskLimits.NONE,
        dev.baton.task.TaskDependencies.NONE, null, "default", null, false, null);
  }

  private int tooFarIn;

  private final TaskLazyModel cut =
      new TaskLazyModel(lookup, () -> filters) {
        @Override
        protected void tooFarIn() {
          tooFarIn++; // the page's message needs Faces
        }
      };

  private static Map<String, SortMeta> sort(String field, SortOrder order) {
    return Map.of(field, SortMeta.builder().field(field).order(order).build());
  }

  @Test
  void theNextPageStartsAfterTheLastRowSeen() {
    cut.load(0, 25, Map.of(), Map.of());
    List<TaskRecord> rows = cut.load(25, 25, Map.of(), Map.of());

    assertEquals("t25", rows.get(0).id());
    assertEquals("t49", rows.get(24).id());
    TaskQuery q = asked.get(1);
    assertEquals("t24", q.after().id(), "by cursor: Redis finds the place without walking to it");
    assertEquals(0, q.offset());
  }

  @Test
  void aDeepPageOfAnIndexReadByRankIsOneQueryByOffset() {
    List<TaskRecord> rows = cut.load(50_000, 25, Map.of(), Map.of());

    assertEquals("t50000", rows.get(0).id());
    assertEquals(1, asked.size());
    assertEquals(50_000, asked.get(0).offset(), "Redis finds any rank of one index in O(log n)");
  }

  @Test
  void aPageJumpedToNearTheEndIsReadFromTheOtherEnd() {
    filters = new TaskLazyModel.Filters(TaskStatus.COMPLETED, "noop", null, null); // two indexes: Redis would walk
    List<TaskRecord> rows = cut.load(99_975, 25, Map.of(), Map.of());

    assertEquals(25, rows.size());
    assertEquals("t99975", rows.get(0).id());
    assertEquals("t99999", rows.get(24).id());
    assertEquals(100_000, cut.getRowCount());
    TaskQuery q = asked.get(asked.size() - 1);
    assertFalse(q.descending(), "the other way round");
    assertEquals(0, q.offset());
    assertEquals(25, q.limit());
    assertEquals(TaskOrder.CREATED, q.order());
  }

  @Test
  void aPageJumpedToWithinTheCapGoesByOffsetAndOneFarFromBothEndsIsOutOfReach() {
    filters = new TaskLazyModel.Filters(TaskStatus.COMPLETED, "noop", null, null); // two indexes: Redis would walk
    assertEquals("t5000", cut.load(5_000, 25, Map.of(), Map.of()).get(0).id());
    assertEquals(5_000, asked.get(0).offset());
    assertTrue(cut.load(50_000, 25, Map.of(), Map.of()).isEmpty(), "Redis would walk 50,000 tasks: not done");
    assertEquals(1, tooFarIn, "and the page says so");
    assertTrue(asked.stream().allMatch(q -> q.offset() <= TaskQuery.MAX_OFFSET));
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
