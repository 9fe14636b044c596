package dev.baton.store;

import static dev.baton.testing.Tasks.aTask;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.task.NewTask;
import dev.baton.task.Page;
import dev.baton.task.TaskOrder;
import dev.baton.task.TaskQuery;
import dev.baton.task.TaskRecord;
import dev.baton.task.TaskStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Listings in every order, with filters and id prefixes, checked against the same sort done in Java. */
class TaskListingTest extends RedisStoreTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(10);
  private RedisTaskStore cut;

  @BeforeEach
  void store() {
    cut = tasks;
  }

  /** Dispatch order: highest priority first, oldest first within a priority (then as Redis orders equal scores). */
  private static final Comparator<TaskRecord> DISPATCH =
      Comparator.comparingInt(TaskRecord::priority).reversed().thenComparing(TaskRecord::createdAt).thenComparing(TaskRecord::id, Comparator.reverseOrder());

  private List<NewTask> createOneByOne(int n, Function<Integer, NewTask> task) {
    List<NewTask> created = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      NewTask t = task.apply(i);
      cut.create(List.of(t), TIMEOUT); // one by one: distinct creation times are likely, not needed
      created.add(t);
    }
    return created;
  }

  private List<String> ids(Page<TaskRecord> page) {
    return page.items().stream().map(TaskRecord::id).toList();
  }

  private List<TaskRecord> all() {
    return cut.list(new TaskQuery(Set.of(), null, null, 0, 1000)).items();
  }

  @Test
  void sortsByPriorityInDispatchOrderAndBack() {
    createOneByOne(30, i -> aTask().priority(i % 10).type(i % 3 == 0 ? "io" : "sleep").build());
    List<TaskRecord> expected = all().stream().sorted(DISPATCH).toList();

    Page<TaskRecord> first = cut.list(new TaskQuery(Set.of(), null, null, null, TaskOrder.PRIORITY, true, 0, 10));
    assertEquals(30, first.total());
    assertEquals(expected.subList(0, 10).stream().map(TaskRecord::id).toList(), ids(first));

    Page<TaskRecord> third = cut.list(new TaskQuery(Set.of(), null, null, null, TaskOrder.PRIORITY, true, 20, 10));
    assertEquals(expected.subList(20, 30).stream().map(TaskRecord::id).toList(), ids(third));

    List<String> reversed = new ArrayList<>(expected.stream().map(TaskRecord::id).toList());
    java.util.Collections.reverse(reversed);
    Page<TaskRecord> ascending = cut.list(new TaskQuery(Set.of(), null, null, null, TaskOrder.PRIORITY, false, 0, 30));
    assertEquals(reversed, ids(ascending));
  }

  @Test
  void sortsByPriorityWithinFiltersTheSameWay() {
    createOneByOne(30, i -> aTask().priority(i % 10).type(i % 3 == 0 ? "io" : "sleep").build());
    List<String> ioInDispatchOrder =
        all().stream().filter(t -> t.type().equals("io")).sorted(DISPATCH).map(TaskRecord::id).toList();

    Page<TaskRecord> io = cut.list(new TaskQuery(Set.of(), "io", null, null, TaskOrder.PRIORITY, true, 0, 50));
    assertEquals(10, io.total());
    assertEquals(ioInDispatchOrder, ids(io));

    Page<TaskRecord> ioCreated = cut.list(new TaskQuery(Set.of(TaskStatus.CREATED), "io", null, null, TaskOrder.PRIORITY, true, 2, 3));
    assertEquals(10, ioCreated.total());
    assertEquals(ioInDispatchOrder.subList(2, 5), ids(ioCreated));
  }

  @Test
  void sortsByProgressThenOldestFirst() {
    List<NewTask> tasks = createOneByOne(12, i -> aTask().build());
    for (int i = 0; i < tasks.size(); i++) {
      String id = tasks.get(i).id();
      long epoch = cut.claim(id, "worker-" + (i % 2), 0).claim().epoch();
      cut.report(id, epoch, (i % 4) * 25, "step", null, "worker-" + (i % 2));
    }
    // furthest along first, then oldest first, then as Redis orders equal scores
    Comparator<TaskRecord> furthest =
        Comparator.comparingInt(TaskRecord::progress).reversed().thenComparing(TaskRecord::createdAt).thenComparing(TaskRecord::id, Comparator.reverseOrder());
    List<String> expected = all().stream().sorted(furthest).map(TaskRecord::id).toList();

    assertEquals(expected, ids(cut.list(new TaskQuery(Set.of(), null, null, null, TaskOrder.PROGRESS, true, 0, 12))));
    Page<TaskRecord> runningOnWorker1 =
        cut.list(new TaskQuery(Set.of(TaskStatus.RUNNING), null, "worker-1", null, TaskOrder.PROGRESS, false, 0, 12));
    assertEquals(6, runningOnWorker1.total());
    assertEquals(
        all().stream().filter(t -> "worker-1".equals(t.workerId())).sorted(furthest.reversed()).map(TaskRecord::id).toList(),
        ids(runningOnWorker1));
  }

  @Test
  void findsTasksByTheStartOfTheirIdWithFilters() {
    List<NewTask> tasks =
        createOneByOne(
            20, i -> aTask().id((i < 5 ? "3f2a" : "9c1b") + UUID.randomUUID().toString().substring(4)).type(i % 2 == 0 ? "io" : "noop").build());

    Page<TaskRecord> prefix = cut.list(new TaskQuery(Set.of(), null, null, "3f2a", TaskOrder.CREATED, true, 0, 50));
    assertEquals(5, prefix.total());
    assertTrue(prefix.items().stream().allMatch(t -> t.id().startsWith("3f2a")));
    assertTrue(prefix.items().get(0).createdAt().compareTo(prefix.items().get(4).createdAt()) >= 0, "newest first");

    Page<TaskRecord> prefixIo = cut.list(new TaskQuery(Set.of(), "io", null, "3f2a", TaskOrder.CREATED, true, 0, 50));
    assertEquals(3, prefixIo.total());

    String one = tasks.get(7).id();
    assertEquals(List.of(one), ids(cut.list(new TaskQuery(Set.of(), null, null, one, TaskOrder.PROGRESS, true, 0, 50))));
    assertEquals(0, cut.list(new TaskQuery(Set.of(), null, null, "ffff", TaskOrder.CREATED, true, 0, 50)).total());
  }

  @Test
  void tasksStoredBeforeTheLookupIndexesAreIndexedOnce() {
    List<NewTask> tasks = createOneByOne(5, i -> aTask().priority(i).build());
    redis.call(c -> c.del(redis.keys().byPriority(), redis.keys().ids())); // as stored by an older Baton
    assertEquals(0, cut.list(new TaskQuery(Set.of(), null, null, tasks.get(0).id().substring(0, 8), TaskOrder.CREATED, true, 0, 5)).total());

    assertEquals(5, cut.indexForLookups());
    assertEquals(0, cut.indexForLookups(), "a second run finds nothing to add");

    assertEquals(1, cut.list(new TaskQuery(Set.of(), null, null, tasks.get(0).id(), TaskOrder.CREATED, true, 0, 5)).total());
    assertEquals(
        tasks.get(4).id(), cut.list(new TaskQuery(Set.of(), null, null, null, TaskOrder.PRIORITY, true, 0, 1)).items().get(0).id());
  }

  /**
   * The console's table over 100,000 tasks: every order and filter answers the right page. The times are
   * printed, not asserted (performance figures belong in benchmarks).
   */
  @Test
  void pagesThroughAHundredThousandTasks() {
    int n = 100_000;
    long t0 = System.nanoTime();
    for (int b = 0; b < n / 1000; b++) {
      List<NewTask> batch = new ArrayList<>(1000);
      for (int i = 0; i < 1000; i++) {
        int k = b * 1000 + i;
        batch.add(aTask().priority(k % 10).type(k % 4 == 0 ? "io" : "noop").build());
      }
      cut.create(batch, TIMEOUT);
    }
    System.out.printf("created %,d tasks in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);

    Map<String, Long> timings = new java.util.LinkedHashMap<>();
    Page<TaskRecord> newest = timed(timings, "newest first, page 1", new TaskQuery(Set.of(), null, null, 0, 50));
    assertEquals(n, newest.total());
    assertEquals(50, newest.items().size());

    Page<TaskRecord> deep = timed(timings, "newest first, page 1,000", new TaskQuery(Set.of(), null, null, 49_950, 50));
    assertEquals(50, deep.items().size());

    Page<TaskRecord> priority = timed(timings, "by priority", new TaskQuery(Set.of(), null, null, null, TaskOrder.PRIORITY, true, 0, 50));
    assertTrue(priority.items().stream().allMatch(t -> t.priority() == 9));

    Page<TaskRecord> ioByPriority =
        timed(timings, "type io by priority", new TaskQuery(Set.of(), "io", null, null, TaskOrder.PRIORITY, true, 0, 50));
    assertEquals(n / 4, ioByPriority.total());
    assertTrue(ioByPriority.items().stream().allMatch(t -> t.type().equals("io") && t.priority() == 8));

    Page<TaskRecord> createdIo = timed(timings, "CREATED and io, newest first", new TaskQuery(Set.of(TaskStatus.CREATED), "io", null, 0, 50));
    assertEquals(n / 4, createdIo.total());

    Page<TaskRecord> progress = timed(timings, "by progress", new TaskQuery(Set.of(), null, null, null, TaskOrder.PROGRESS, true, 0, 50));
    assertEquals(n, progress.total());
    Page<TaskRecord> ioProgress =
        timed(timings, "type io by progress, page 10", new TaskQuery(Set.of(), "io", null, null, TaskOrder.PROGRESS, true, 450, 50));
    assertEquals(n / 4, ioProgress.total());
    assertEquals(50, ioProgress.items().size());

    String some = deep.items().get(0).id();
    Page<TaskRecord> byPrefix = timed(timings, "id prefix (8 characters)", new TaskQuery(Set.of(), null, null, some.substring(0, 8), TaskOrder.CREATED, true, 0, 50));
    assertTrue(ids(byPrefix).contains(some));

    System.out.println(
        "listing 100,000 tasks (ms): " + timings.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining("; ")));
  }

  private Page<TaskRecord> timed(Map<String, Long> timings, String what, TaskQuery query) {
    long t0 = System.nanoTime();
    Page<TaskRecord> page = cut.list(query);
    timings.put(what, (System.nanoTime() - t0) / 1_000_000);
    return page;
  }
}
