package dev.baton.store;

import static dev.baton.testing.Tasks.aTask;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.baton.task.AttemptOutcome;
import dev.baton.task.AttemptOutcome.Kind;
import dev.baton.task.ClaimResult;
import dev.baton.task.DispatchOrder;
import dev.baton.task.NewTask;
import dev.baton.task.TaskStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The status indexes follow the status (ADR 0061): after calls that move many tasks at once, a call that moves a task
 * twice (admitted WAITING, released CREATED) and the moves of a graph's failure and requeue, every task is in the index
 * of its status and in no other.
 */
class StatusIndexTest extends RedisStoreTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(1);

  @Test
  void afterCallsThatMoveManyTasksEachIsInTheIndexOfItsStatusOnly() {
    List<NewTask> batch = IntStream.range(0, 12).mapToObj(i -> aTask().build()).toList();
    tasks.create(batch, TIMEOUT);
    List<String> all = new ArrayList<>(batch.stream().map(NewTask::id).toList());

    List<ClaimResult> first = new RedisClaims(redis).claim("w1", orders(batch.subList(0, 8))); // eight moves in one call
    List<AttemptOutcome> outcomes = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      var c = first.get(i).claim();
      Kind kind = i < 4 ? Kind.COMPLETED : i == 4 ? Kind.FAILED : Kind.CANCELLED;
      outcomes.add(new AttemptOutcome(c.taskId(), c.epoch(), kind, i < 4 ? "{}" : "stopped", "w1", null));
    }
    // six outcomes and four claims in one call: RUNNING -> COMPLETED, FAILED, CANCELLED; CREATED -> RUNNING
    new RedisOutcomesThenClaims(redis).recordThenClaim(outcomes, "w2", orders(batch.subList(8, 12)));

    // a parent completed before, and a child created after it: admitted WAITING and released CREATED in one call
    NewTask child = aTask().dependsOn(batch.get(0).id()).build();
    tasks.create(List.of(child), TIMEOUT);
    all.add(child.id());

    assertEquals(TaskStatus.CREATED, tasks.find(child.id()).orElseThrow().status());
    assertEquals(4, all.stream().filter(id -> tasks.find(id).orElseThrow().status() == TaskStatus.COMPLETED).count());
    assertEquals(6, all.stream().filter(id -> tasks.find(id).orElseThrow().status() == TaskStatus.RUNNING).count());
    all.forEach(this::assertInItsStatusIndexOnly);
  }

  @Test
  void aChildSkippedByItsParentsFailureAndBroughtBackByItsRequeueIsInTheWaitingIndexOnly() {
    NewTask parent = aTask().build();
    tasks.create(List.of(parent), TIMEOUT);
    var claim = new RedisClaims(redis).claim("w1", orders(List.of(parent))).get(0).claim();
    NewTask child = aTask().dependsOn(parent.id()).build();
    tasks.create(List.of(child), TIMEOUT); // WAITING for its running parent

    // the parent's failure skips the child (WAITING -> SKIPPED) in the call that records it; the requeue of the parent
    // brings the child back to WAITING (SKIPPED -> WAITING) in the call that requeues it
    new RedisOutcomes(redis).record(List.of(new AttemptOutcome(claim.taskId(), claim.epoch(), Kind.FAILED, "boom", "w1", null)));
    assertEquals(TaskStatus.SKIPPED, tasks.find(child.id()).orElseThrow().status());
    tasks.requeue(List.of(parent.id()), "test", "test", TIMEOUT);

    assertEquals(TaskStatus.WAITING, tasks.find(child.id()).orElseThrow().status());
    List.of(parent.id(), child.id()).forEach(this::assertInItsStatusIndexOnly);
  }

  private List<DispatchOrder> orders(List<NewTask> made) {
    return made.stream().map(t -> new DispatchOrder(t.id(), 0, t.type(), t.priority(), null, 0, "default")).toList();
  }

  private void assertInItsStatusIndexOnly(String id) {
    TaskStatus status = tasks.find(id).orElseThrow().status();
    List<TaskStatus> in =
        Arrays.stream(TaskStatus.values()).filter(s -> redis.<Double>read(c -> c.zscore(redis.keys().byStatus(s), id)) != null).toList();
    assertEquals(List.of(status), in, "the status indexes holding task " + id);
  }
}
