package dev.baton.store;

import static dev.baton.testing.Tasks.aTask;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.task.CancelResult;
import dev.baton.task.Claim;
import dev.baton.task.Move;
import dev.baton.task.NewTask;
import dev.baton.task.RetryPolicy;
import dev.baton.task.TaskRecord;
import dev.baton.task.TaskStatus;
import dev.baton.task.Transition;
import dev.baton.task.WriteResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Cancel and requeue, in the Lua scripts on a real Redis. */
class CancelAndRequeueTest extends RedisStoreTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(1);
  private static final Duration GRACE = Duration.ofSeconds(30);

  private NewTask created(NewTask t) {
    tasks.create(List.of(t), TIMEOUT);
    return t;
  }

  private TaskRecord find(String id) {
    return tasks.find(id).orElseThrow();
  }

  @Test
  void aQueuedTaskIsCancelledAtOnceAndAMessageStillInTheBrokerCannotStartIt() {
    NewTask t = created(aTask().build());

    CancelResult r = tasks.cancel(t.id(), "cancelled by test", "test", GRACE);

    assertEquals(CancelResult.Outcome.CANCELLED, r.outcome());
    assertEquals(TaskStatus.CANCELLED, find(t.id()).status());
    assertEquals(1, find(t.id()).epoch());
    assertFalse(tasks.claim(t.id(), "w1", 0).isClaimed(), "the old message is stale");
    Double due = redis.call(c -> c.zscore(redis.keys().dispatchDue(), t.id()));
    assertEquals(null, due, "off the dispatch schedule");
    assertEquals(CancelResult.Outcome.FINAL, tasks.cancel(t.id(), "again", "test", GRACE).outcome());
    assertEquals(CancelResult.Outcome.MISSING, tasks.cancel("no-such-task", "x", "test", GRACE).outcome());
  }

  @Test
  void aScheduledTaskIsCancelledWithItsTimer() {
    NewTask t = created(aTask().runAt(Instant.now().plusMillis(100)).build());
    assertEquals(CancelResult.Outcome.CANCELLED, tasks.cancel(t.id(), "not needed", "test", GRACE).outcome());
    assertTrue(tasks.takeDueTimers(10, GRACE, TIMEOUT).nextDue() == null, "no timer left");
  }

  @Test
  void aRunningTaskIsStoppedByItsOwnerWhoLearnsFromItsNextWrite() {
    NewTask t = created(aTask().retry(new RetryPolicy(3, RetryPolicy.Backoff.FIXED, 10, 10)).build());
    Claim c = tasks.claim(t.id(), "w1", 0).claim();

    CancelResult r = tasks.cancel(t.id(), "cancelled by test", "test", GRACE);

    assertEquals(CancelResult.Outcome.REQUESTED, r.outcome());
    assertEquals("w1", r.owner());
    assertEquals(TaskStatus.RUNNING, find(t.id()).status(), "runs until its next step boundary");
    WriteResult progress = tasks.report(t.id(), c.epoch(), 30, "", null, "w1");
    assertTrue(progress.isOk() && progress.cancelRequested(), "the owner learns");
    assertEquals(TaskStatus.CANCELLED, tasks.finishCancelled(t.id(), c.epoch(), "stopped by w1 at 30%", "w1").status());
    assertEquals("cancelled by test (stopped by w1 at 30%)", tasks.history(t.id()).get(3).reason());
    assertTrue(workers.ownedTasks("w1").isEmpty());
  }

  @Test
  void aCompletionRacingAnAcknowledgedCancelEndsCancelledAndItsDependentsToo() {
    NewTask t = created(aTask().build());
    NewTask child = created(aTask().dependsOn(t.id()).build());
    Claim c = tasks.claim(t.id(), "w1", 0).claim();
    assertEquals(CancelResult.Outcome.REQUESTED, tasks.cancel(t.id(), "cancelled by test", "test", GRACE).outcome());

    // the owner finished its last step before it saw the request
    WriteResult r = tasks.finish(t.id(), c.epoch(), TaskStatus.COMPLETED, "{\"n\":1}", "w1");

    assertTrue(r.isOk());
    assertEquals(TaskStatus.CANCELLED, r.status(), "an acknowledged cancel is never followed by COMPLETED");
    TaskRecord done = find(t.id());
    assertEquals(TaskStatus.CANCELLED, done.status());
    assertEquals(null, done.result(), "the result is not kept");
    assertTrue(tasks.history(t.id()).get(3).reason().contains("it completed its last step meanwhile"));
    assertEquals(TaskStatus.CANCELLED, find(child.id()).status(), "its dependent is cancelled, not released");
  }

  @Test
  void aFailureAfterTheCancelIsNotRetried() {
    NewTask t = created(aTask().retry(new RetryPolicy(3, RetryPolicy.Backoff.FIXED, 10, 10)).build());
    Claim c = tasks.claim(t.id(), "w1", 0).claim();
    tasks.cancel(t.id(), "cancelled by test", "test", GRACE);
    assertEquals(TaskStatus.FAILED, tasks.failAttempt(t.id(), c.epoch(), "interrupted", "w1", Duration.ofMillis(10), false).status());
  }

  @Test
  void anOwnerThatDoesNotStopWithinTheGraceIsFencedAndTheTaskCancelledAnyway() throws Exception {
    NewTask t = created(aTask().build());
    Claim c = tasks.claim(t.id(), "w1", 0).claim();
    tasks.cancel(t.id(), "cancelled by test", "test", Duration.ofMillis(50));

    Thread.sleep(80); // past the grace period
    tasks.takeDueTimers(10, GRACE, TIMEOUT);

    TaskRecord r = find(t.id());
    assertEquals(TaskStatus.CANCELLED, r.status());
    assertEquals(c.epoch() + 1, r.epoch(), "the owner is fenced");
    assertEquals(WriteResult.Outcome.FENCED, tasks.finish(t.id(), c.epoch(), TaskStatus.COMPLETED, "{}", "w1").outcome(), "a late result is refused");
    assertTrue(tasks.history(t.id()).get(3).reason().contains("did not stop within the grace period"));
  }

  @Test
  void aTaskCancelledWhileItsWorkerWasReplacedEndsWhenTheNextOneClaimsIt() {
    NewTask t = created(aTask().build());
    Claim c = tasks.claim(t.id(), "w1", 0).claim();
    tasks.cancel(t.id(), "cancelled by test", "test", GRACE);
    tasks.move(new Move(t.id(), TaskStatus.RECOVERING, Set.of(TaskStatus.RUNNING), null, true, "w1 is gone", "test", Duration.ZERO));
    assertEquals(TaskStatus.RECOVERING, find(t.id()).status());

    assertFalse(tasks.claim(t.id(), "w2", c.epoch() + 1).isClaimed());

    assertEquals(TaskStatus.CANCELLED, find(t.id()).status());
  }

  @Test
  void aFailedTaskIsRequeuedUnderTheSameIdWithItsHistoryAndCompletes() {
    NewTask t = created(aTask().retry(new RetryPolicy(1, RetryPolicy.Backoff.FIXED, 10, 10)).build());
    Claim c = tasks.claim(t.id(), "w1", 0).claim();
    tasks.finish(t.id(), c.epoch(), TaskStatus.FAILED, "broken", "w1");
    NewTask done = created(aTask().build());
    tasks.finish(done.id(), tasks.claim(done.id(), "w1", 0).claim().epoch(), TaskStatus.COMPLETED, "{}", "w1");

    Requeued r = tasks.requeue(List.of(t.id(), done.id(), "nope"), "requeued by test", "test", TIMEOUT);

    assertEquals(List.of(t.id()), r.requeued().stream().map(o -> o.taskId()).toList());
    assertEquals("COMPLETED", r.refused().get(done.id()));
    assertEquals("MISSING", r.refused().get("nope"));
    TaskRecord again = find(t.id());
    assertEquals(TaskStatus.CREATED, again.status());
    assertEquals(null, again.error());
    assertEquals(null, again.finishedAt());
    Claim second = tasks.claim(t.id(), "w2", again.epoch()).claim();
    assertEquals(2, second.attempt());
    assertEquals(0, second.retries(), "retries counted anew");
    tasks.finish(t.id(), second.epoch(), TaskStatus.COMPLETED, "{\"ok\":true}", "w2");
    assertEquals(
        List.of(TaskStatus.CREATED, TaskStatus.ASSIGNED, TaskStatus.RUNNING, TaskStatus.FAILED, TaskStatus.CREATED, TaskStatus.ASSIGNED,
            TaskStatus.RUNNING, TaskStatus.COMPLETED),
        tasks.history(t.id()).stream().map(Transition::to).toList());
  }
}
