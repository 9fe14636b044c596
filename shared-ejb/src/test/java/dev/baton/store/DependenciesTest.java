package dev.baton.store;

import static dev.baton.testing.Tasks.aTask;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.json.Jsonp;
import dev.baton.task.Claim;
import dev.baton.task.NewTask;
import dev.baton.task.TaskRecord;
import dev.baton.task.TaskStatus;
import dev.baton.task.Transition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Dependencies in the Lua scripts on a real Redis: release, cascades, requeue, exactly once. */
class DependenciesTest extends RedisStoreTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(1);

  private Created create(NewTask... t) {
    return tasks.create(List.of(t), TIMEOUT);
  }

  private TaskRecord find(NewTask t) {
    return tasks.find(t.id()).orElseThrow();
  }

  private TaskStatus status(NewTask t) {
    return find(t).status();
  }

  /** Runs a CREATED task to the end as a worker would. */
  private void finish(NewTask t, TaskStatus outcome, String result) {
    Claim c = tasks.claim(t.id(), "w1", find(t).epoch()).claim();
    tasks.finish(t.id(), c.epoch(), outcome, result, "w1");
  }

  private long moves(NewTask t, TaskStatus from, TaskStatus to) {
    return tasks.history(t.id()).stream().filter(h -> h.from() == from && h.to() == to).count();
  }

  @Test
  void aTaskWaitsForItsParentAndGetsItsResult() {
    NewTask parent = aTask().build();
    NewTask child = aTask().dependsOn(parent.id()).build();
    create(parent, child);
    assertEquals(TaskStatus.WAITING, status(child));
    assertEquals(1, find(child).dependencies().parentsLeft());

    finish(parent, TaskStatus.COMPLETED, "{\"run_id\":42}");

    assertEquals(TaskStatus.CREATED, status(child));
    assertEquals(42, Jsonp.parseObject(find(child).dependencies().parentResults()).getJsonObject(parent.id()).getInt("run_id"));
    DueTimers due = tasks.takeDueTimers(10, TIMEOUT, TIMEOUT);
    assertEquals(List.of(child.id()), due.send().stream().map(o -> o.taskId()).toList(), "the next manager to look sends it");
    Claim c = tasks.claim(child.id(), "w2", find(child).epoch()).claim();
    assertEquals("{\"" + parent.id() + "\":{\"run_id\":42}}", c.parentResults());
  }

  @Test
  void aTaskWithTwoParentsIsReleasedOnceWhenTheSecondCompletes() {
    NewTask a = aTask().build();
    NewTask b = aTask().build();
    NewTask child = aTask().dependsOn(a.id(), b.id()).build();
    create(a, b, child);

    finish(a, TaskStatus.COMPLETED, "1");
    assertEquals(TaskStatus.WAITING, status(child));
    finish(b, TaskStatus.COMPLETED, "2");

    assertEquals(TaskStatus.CREATED, status(child));
    assertEquals(1, moves(child, TaskStatus.WAITING, TaskStatus.CREATED));
    assertEquals(0, find(child).dependencies().parentsLeft());
  }

  @Test
  void aFailureSkipsEverythingDownstreamAndARequeueBringsItBack() {
    NewTask a = aTask().build();
    NewTask b = aTask().dependsOn(a.id()).build();
    NewTask c = aTask().dependsOn(b.id()).build();
    NewTask other = aTask().build();
    NewTask d = aTask().dependsOn(a.id(), other.id()).build();
    create(a, b, c, other, d);

    finish(a, TaskStatus.FAILED, "broken");

    assertEquals(TaskStatus.SKIPPED, status(b));
    assertEquals(TaskStatus.SKIPPED, status(c));
    assertEquals(TaskStatus.SKIPPED, status(d));
    assertEquals("its parent " + a.id() + " is FAILED", lastReason(b));
    assertEquals("its parent " + b.id() + " is SKIPPED", lastReason(c));
    finish(other, TaskStatus.COMPLETED, "{}"); // counted for d, which stays SKIPPED
    assertEquals(TaskStatus.SKIPPED, status(d));

    tasks.requeue(List.of(a.id()), "requeued by test", "test", TIMEOUT);

    assertEquals(TaskStatus.WAITING, status(b));
    assertEquals(TaskStatus.WAITING, status(c));
    assertEquals(TaskStatus.WAITING, status(d));
    finish(a, TaskStatus.COMPLETED, "{}");
    assertEquals(TaskStatus.CREATED, status(b));
    assertEquals(TaskStatus.WAITING, status(c));
    assertEquals(TaskStatus.CREATED, status(d), "its other parent had completed while it was skipped");
    finish(b, TaskStatus.COMPLETED, "{}");
    assertEquals(TaskStatus.CREATED, status(c));
  }

  @Test
  void aCancelCancelsEverythingDownstream() {
    NewTask a = aTask().build();
    NewTask b = aTask().dependsOn(a.id()).build();
    NewTask c = aTask().dependsOn(b.id()).build();
    create(a, b, c);

    tasks.cancel(a.id(), "cancelled by test", "test", TIMEOUT);

    assertEquals(TaskStatus.CANCELLED, status(b));
    assertEquals(TaskStatus.CANCELLED, status(c));
    assertEquals("its parent " + b.id() + " was cancelled", lastReason(c));
  }

  @Test
  void aNewTaskWhoseParentsEndedAlreadyMovesOnAtOnce() {
    NewTask done = aTask().build();
    NewTask failed = aTask().build();
    NewTask cancelled = aTask().build();
    create(done, failed, cancelled);
    finish(done, TaskStatus.COMPLETED, "7");
    finish(failed, TaskStatus.FAILED, "broken");
    tasks.cancel(cancelled.id(), "cancelled by test", "test", TIMEOUT);
    NewTask runs = aTask().dependsOn(done.id()).build();
    NewTask skipped = aTask().dependsOn(done.id(), failed.id()).build();
    NewTask alsoCancelled = aTask().dependsOn(failed.id(), cancelled.id()).build();
    NewTask later = aTask().runAt(Instant.now().plusSeconds(3600)).dependsOn(done.id()).build();

    Created r = create(runs, skipped, alsoCancelled, later);

    assertEquals(
        Map.of(runs.id(), TaskStatus.CREATED, skipped.id(), TaskStatus.SKIPPED, alsoCancelled.id(), TaskStatus.CANCELLED,
            later.id(), TaskStatus.SCHEDULED),
        r.moved());
    assertEquals("{\"" + done.id() + "\":7}", find(runs).dependencies().parentResults());
  }

  @Test
  void anUnknownParentRefusesTheWholeBatch() {
    NewTask a = aTask().build();
    NewTask b = aTask().dependsOn(a.id(), "no-such-task").build();

    UnknownParentException e = assertThrows(UnknownParentException.class, () -> create(a, b));

    assertEquals(b.id(), e.taskId());
    assertEquals("no-such-task", e.parentId());
    assertTrue(tasks.find(a.id()).isEmpty(), "nothing stored");
    assertEquals(Set.of(), tasks.dependentsOf(a.id()));
  }

  @Test
  void deletingAFinishedTaskTakesItOutOfItsParentsDependents() {
    NewTask a = aTask().build();
    NewTask b = aTask().dependsOn(a.id()).build();
    create(a, b);
    finish(a, TaskStatus.COMPLETED, "{}");
    finish(b, TaskStatus.COMPLETED, "{}");

    tasks.delete(List.of(b.id()), "deleted by test", "test");
    assertEquals(Set.of(), tasks.dependentsOf(a.id()));
    tasks.delete(List.of(a.id()), "deleted by test", "test");
    assertFalse(redis.<Boolean>call(c -> c.exists(redis.keys().dependents(a.id()))));
  }

  private String lastReason(NewTask t) {
    List<Transition> h = tasks.history(t.id());
    return h.get(h.size() - 1).reason();
  }
}
