package dev.baton.store;

import static dev.baton.testing.Tasks.aTask;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.baton.task.AttemptOutcome;
import dev.baton.task.AttemptOutcome.Kind;
import dev.baton.task.Claim;
import dev.baton.task.NewTask;
import dev.baton.task.RetryPolicy;
import dev.baton.task.TaskStatus;
import dev.baton.task.WriteResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Outcomes of several attempts recorded in one call (finish_many.lua), each fenced and decided on its own. */
class RedisOutcomesTest extends RedisStoreTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(1);

  private Claim running(NewTask t) {
    tasks.create(List.of(t), TIMEOUT);
    return tasks.claim(t.id(), "w1", 0).claim();
  }

  @Test
  void eachOutcomeOfACallIsRecordedOnceAndFencedByItsOwnEpoch() {
    Claim done = running(aTask().build());
    Claim retried = running(aTask().retry(RetryPolicy.of("3", "fixed", "1000", "")).build());
    Claim zombie = running(aTask().build());

    List<WriteResult> results =
        new RedisOutcomes(redis)
            .record(
                List.of(
                    new AttemptOutcome(done.taskId(), done.epoch(), Kind.COMPLETED, "{\"n\":1}", "w1", null),
                    new AttemptOutcome(retried.taskId(), retried.epoch(), Kind.FAILED, "boom", "w1", Duration.ofSeconds(1)),
                    new AttemptOutcome(zombie.taskId(), zombie.epoch() - 1, Kind.COMPLETED, "{}", "w0", null)));

    assertEquals(List.of(WriteResult.Outcome.OK, WriteResult.Outcome.OK, WriteResult.Outcome.FENCED), results.stream().map(WriteResult::outcome).toList());
    assertEquals(TaskStatus.COMPLETED, tasks.find(done.taskId()).orElseThrow().status());
    assertEquals("{\"n\":1}", tasks.find(done.taskId()).orElseThrow().result());
    assertEquals(TaskStatus.RETRYING, tasks.find(retried.taskId()).orElseThrow().status());
    assertEquals(TaskStatus.RUNNING, tasks.find(zombie.taskId()).orElseThrow().status(), "an older epoch changes nothing");

    // the same call again (its answer was lost): nothing is recorded twice
    List<WriteResult> again =
        new RedisOutcomes(redis)
            .record(
                List.of(
                    new AttemptOutcome(done.taskId(), done.epoch(), Kind.COMPLETED, "{\"n\":2}", "w1", null),
                    new AttemptOutcome(zombie.taskId(), zombie.epoch(), Kind.COMPLETED, "{}", "w1", null)));
    assertEquals(List.of(WriteResult.Outcome.FENCED, WriteResult.Outcome.OK), again.stream().map(WriteResult::outcome).toList());
    assertEquals("{\"n\":1}", tasks.find(done.taskId()).orElseThrow().result(), "the first result stands");
  }
}
