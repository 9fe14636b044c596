package dev.baton.store;

import static dev.baton.testing.Tasks.aTask;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.task.NewTask;
import dev.baton.task.Page;
import dev.baton.task.TaskCursor;
import dev.baton.task.TaskOrder;
import dev.baton.task.TaskQuery;
import dev.baton.task.TaskRecord;
import dev.baton.task.TaskStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Keyset paging: page after page by cursor gives exactly the listing an offset gives - every task once, in the same
 * order - in every order and direction, through every path of list.lua (no filter, one filter, several, a small set
 * sorted in the script, an id prefix, several statuses merged), with many tasks sharing a creation time (one batch),
 * and when the task a cursor names is gone.
 */
class KeysetPagingTest extends RedisStoreTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(10);
  private RedisTaskStore cut;

  @BeforeEach
  void manyTasksOfOneMillisecond() {
    cut = tasks;
    // one batch: one creation time for all of them, so the order rests on the ids within a score
    List<NewTask> batch = IntStream.range(0, 90).mapToObj(i -> aTask().priority(i % 4).type(i % 3 == 0 ? "io" : "sleep").build()).toList();
    cut.create(batch, TIMEOUT);
    cut.create(IntStream.range(0, 30).mapToObj(i -> aTask().priority(i % 5).type("io").build()).toList(), TIMEOUT);
  }

  private List<String> byOffset(TaskQuery q) {
    return cut.list(new TaskQuery(q.statuses(), q.type(), q.workerId(), q.idPrefix(), q.order(), q.descending(), 0, 1000)).items().stream()
        .map(TaskRecord::id)
        .toList();
  }

  private List<String> byCursor(TaskQuery first) {
    List<String> seen = new ArrayList<>();
    TaskQuery q = first;
    for (int pages = 0; pages < 1000; pages++) {
      Page<TaskRecord> page = cut.list(q);
      page.items().forEach(t -> seen.add(t.id()));
      TaskCursor next = q.next(page.items());
      if (next == null) {
        return seen;
      }
      q = q.after(TaskCursor.decode(next.encode()).orElseThrow()); // through the wire form, as a client sends it
    }
    throw new AssertionError("no last page");
  }

  private void samePagesBothWays(Set<TaskStatus> statuses, String type, String prefix) {
    for (TaskOrder order : TaskOrder.values()) {
      for (boolean descending : new boolean[] {true, false}) {
        TaskQuery q = new TaskQuery(statuses, type, null, prefix, order, descending, 0, 7);
        List<String> expected = byOffset(q);
        assertFalse(expected.isEmpty());
        assertEquals(expected, byCursor(q), order + (descending ? " desc" : " asc") + " " + statuses + " " + type + " " + prefix);
      }
    }
  }

  @Test
  void withoutFilters() {
    samePagesBothWays(Set.of(), null, null);
  }

  @Test
  void withOneFilterAndWithSeveral() {
    samePagesBothWays(Set.of(), "io", null);
    samePagesBothWays(Set.of(TaskStatus.CREATED), "io", null);
  }

  @Test
  void throughAnIdPrefixAndSeveralStatuses() {
    String prefix = byOffset(new TaskQuery(Set.of(), null, null, 0, 1)).get(0).substring(0, 1);
    samePagesBothWays(Set.of(), null, prefix);
    samePagesBothWays(Set.of(TaskStatus.CREATED, TaskStatus.FAILED), null, null);
  }

  @Test
  void goesOnWhenTheTaskOfTheCursorLeftTheListing() {
    for (TaskOrder order : TaskOrder.values()) {
      for (String type : new String[] {null, "io"}) { // one filter (ranks), two (a walk)
        TaskQuery q = new TaskQuery(Set.of(TaskStatus.CREATED), type, null, null, order, true, 0, 10);
        List<String> all = byOffset(q);
        Page<TaskRecord> first = cut.list(q);
        TaskCursor next = q.next(first.items());
        // the last task of the page is cancelled: it leaves the listing of CREATED tasks
        cut.cancel(first.items().get(9).id(), "test", "test", Duration.ofSeconds(10));
        List<String> rest = cut.list(q.after(next)).items().stream().map(TaskRecord::id).toList();
        assertEquals(all.subList(10, 20), rest, order + " " + type + ": the page after the cursor of a task gone from the listing");
      }
    }
  }

  @Test
  void aCursorIsOpaqueAndChecked() {
    TaskRecord any = cut.list(new TaskQuery(Set.of(), null, null, 0, 1)).items().get(0);
    TaskCursor c = TaskCursor.after(any, TaskOrder.PRIORITY, false);
    assertEquals(c, TaskCursor.decode(c.encode()).orElseThrow());
    assertEquals(java.util.Optional.empty(), TaskCursor.decode("not a cursor"));
    assertEquals(java.util.Optional.empty(), TaskCursor.decode(""));
    assertNull(new TaskQuery(Set.of(), null, null, 0, 5).next(List.of(any)), "a page that is not full has no next");
  }

  @Test
  void anOffsetIsCheapOnlyWhereRedisReadsOneIndexByRank() {
    assertTrue(new TaskQuery(Set.of(), null, null, 0, 10).offsetIsCheap());
    assertTrue(new TaskQuery(Set.of(), "io", null, 0, 10).offsetIsCheap(), "one filter, its own order");
    assertTrue(new TaskQuery(Set.of(), null, null, null, TaskOrder.PRIORITY, true, 0, 10).offsetIsCheap(), "the order's own index");
    assertFalse(new TaskQuery(Set.of(), "io", null, null, TaskOrder.PRIORITY, true, 0, 10).offsetIsCheap(), "a filter walked in another order");
    assertFalse(new TaskQuery(Set.of(TaskStatus.CREATED), "io", null, 0, 10).offsetIsCheap(), "two filters");
    assertFalse(new TaskQuery(Set.of(), "io", null, 0, 10).ownedBy("alice").offsetIsCheap(), "a user's own: two filters");
    assertFalse(new TaskQuery(Set.of(TaskStatus.CREATED, TaskStatus.FAILED), null, null, 0, 10).offsetIsCheap(), "several statuses");
    assertFalse(new TaskQuery(Set.of(), null, null, "3f2a", TaskOrder.CREATED, true, 0, 10).offsetIsCheap(), "a search");
  }
}
