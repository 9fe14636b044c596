package dev.baton.store;

import static dev.baton.testing.Tasks.aTask;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.event.BatonEvent;
import dev.baton.task.Claim;
import dev.baton.task.DispatchOrder;
import dev.baton.task.NewTask;
import dev.baton.task.RetryPolicy;
import dev.baton.task.TaskLimits;
import dev.baton.task.TaskRecord;
import dev.baton.task.TaskStatus;
import dev.baton.task.Transition;
import dev.baton.task.WriteResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Retries, delayed tasks and the timers that drive both, in the Lua scripts on a real Redis. */
class RetriesAndTimersTest extends RedisStoreTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(1);
  private static final RetryPolicy TWO = new RetryPolicy(2, RetryPolicy.Backoff.EXPONENTIAL, 50, 1_000);

  private Claim created(NewTask t, String worker) {
    tasks.create(List.of(t), TIMEOUT);
    return tasks.claim(t.id(), worker, 0).claim();
  }

  private List<DispatchOrder> takeUntilSent(String id) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (System.nanoTime() < deadline) {
      List<DispatchOrder> send = tasks.takeDueTimers(100, Duration.ofSeconds(30), TIMEOUT).send();
      if (!send.isEmpty()) {
        return send;
      }
      Thread.sleep(5); // polling a timer that is due within milliseconds
    }
    throw new AssertionError("the timer of " + id + " never came due");
  }

  @Test
  void aFailedAttemptWithRetriesLeftWaitsRetryingThenIsQueuedAgainAndKeepsItsCheckpoint() throws Exception {
    NewTask t = aTask().retry(TWO).build();
    Claim c = created(t, "w1");
    assertEquals(TWO, c.retry());
    tasks.report(t.id(), c.epoch(), 30, "", "{\"step\":3}", "w1");

    WriteResult r = tasks.failAttempt(t.id(), c.epoch(), "boom", "w1", Duration.ofMillis(40), false);

    assertEquals(TaskStatus.RETRYING, r.status());
    TaskRecord retrying = tasks.find(t.id()).orElseThrow();
    assertEquals(1, retrying.retries());
    assertEquals("boom", retrying.error());
    assertTrue(retrying.wakeAt().isAfter(retrying.updatedAt().plusMillis(39)), "due after the delay");
    assertEquals(WriteResult.Outcome.FENCED, tasks.report(t.id(), c.epoch(), 40, "", null, "w1").outcome(), "no longer running");
    assertTrue(workers.ownedTasks("w1").isEmpty(), "the worker let go of it");

    List<DispatchOrder> send = takeUntilSent(t.id());

    assertEquals(List.of(new DispatchOrder(t.id(), c.epoch(), "computation", 4, null, 0)), send);
    assertEquals(TaskStatus.CREATED, tasks.find(t.id()).orElseThrow().status());
    assertNull(tasks.find(t.id()).orElseThrow().wakeAt());
    Claim second = tasks.claim(t.id(), "w2", c.epoch()).claim();
    assertEquals(2, second.attempt());
    assertEquals(1, second.retries());
    assertEquals("{\"step\":3}", second.checkpoint(), "a retry resumes from the last checkpoint");
    List<TaskStatus> path = tasks.history(t.id()).stream().map(Transition::to).toList();
    assertEquals(
        List.of(TaskStatus.CREATED, TaskStatus.ASSIGNED, TaskStatus.RUNNING, TaskStatus.RETRYING, TaskStatus.CREATED, TaskStatus.ASSIGNED,
            TaskStatus.RUNNING),
        path);
    assertEquals("boom", tasks.history(t.id()).get(3).reason(), "the attempt's error stays in the history");
  }

  @Test
  void withoutRetriesLeftAFailureIsFinalAndSaysHowManyWereUsed() {
    NewTask t = aTask().retry(new RetryPolicy(1, RetryPolicy.Backoff.FIXED, 0, 0)).build();
    Claim c = created(t, "w1");
    assertEquals(TaskStatus.RETRYING, tasks.failAttempt(t.id(), c.epoch(), "one", "w1", Duration.ZERO, false).status());
    tasks.takeDueTimers(10, Duration.ofSeconds(30), TIMEOUT);
    Claim again = tasks.claim(t.id(), "w1", c.epoch()).claim();
    assertNull(again.nextRetryDelay(Math::random), "the worker knows none is left");

    WriteResult r = tasks.failAttempt(t.id(), again.epoch(), "two", "w1", null, false);

    assertEquals(TaskStatus.FAILED, r.status());
    assertEquals("two (after 1 of 1 retries)", tasks.find(t.id()).orElseThrow().error());
    assertEquals(WriteResult.Outcome.FENCED, tasks.failAttempt(t.id(), again.epoch(), "three", "w1", null, false).outcome(), "once");
  }

  @Test
  void aRetryAskedForByAHandlerWithoutAPolicyFails() {
    NewTask t = aTask().build();
    Claim c = created(t, "w1");
    assertEquals(TaskStatus.FAILED, tasks.failAttempt(t.id(), c.epoch(), "try later", "w1", Duration.ofSeconds(2), true).status());
  }

  @Test
  void aDelayedTaskIsScheduledUntilItsTimeAndNoEarlier() throws Exception {
    Instant at = Instant.now().plusMillis(300);
    NewTask t = aTask().runAt(at).build();
    tasks.create(List.of(t), TIMEOUT);
    assertEquals(TaskStatus.SCHEDULED, tasks.find(t.id()).orElseThrow().status());
    assertTrue(tasks.takeDueTimers(10, Duration.ofSeconds(30), TIMEOUT).send().isEmpty(), "not yet");
    assertEquals("stale", tasks.claim(t.id(), "w1", 0).outcome().name().toLowerCase(), "a message sent early cannot start it");

    List<DispatchOrder> send = takeUntilSent(t.id());

    assertTrue(System.currentTimeMillis() >= at.toEpochMilli(), "not before its time (to the millisecond)");
    assertEquals(t.id(), send.get(0).taskId());
    assertEquals(at.toEpochMilli(), tasks.find(t.id()).orElseThrow().runAt().toEpochMilli());
    assertTrue(tasks.claim(t.id(), "w1", 0).isClaimed());
  }

  @Test
  void twoManagersTakingTheSameDueTimersTakeEachOnce() throws Exception {
    List<NewTask> batch = new ArrayList<>();
    Instant at = Instant.now().plusMillis(200);
    for (int i = 0; i < 200; i++) {
      batch.add(aTask().runAt(at).build());
    }
    tasks.create(batch, TIMEOUT);
    Thread.sleep(250); // let them all come due
    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<List<DispatchOrder>>> takers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      takers.add(pool.submit(() -> {
        go.await();
        List<DispatchOrder> mine = new ArrayList<>();
        for (int k = 0; k < 20; k++) {
          mine.addAll(tasks.takeDueTimers(13, Duration.ofSeconds(30), TIMEOUT).send());
        }
        return mine;
      }));
    }
    go.countDown();
    List<String> taken = Collections.synchronizedList(new ArrayList<>());
    for (Future<List<DispatchOrder>> f : takers) {
      f.get().forEach(o -> taken.add(o.taskId()));
    }
    pool.shutdown();
    assertEquals(200, taken.size(), "each taken once");
    assertEquals(200, taken.stream().distinct().count());
  }

  @Test
  void aTimerOfAnotherKindIsLeasedAndComesBackIfNotHandled() throws Exception {
    redis.call(c -> c.zadd(redis.keys().timers(), System.currentTimeMillis() - 1, "cron:nightly"));
    var first = tasks.takeDueTimers(10, Duration.ofMillis(100), TIMEOUT);
    assertEquals("cron", first.leased().get(0).kind());
    assertEquals("nightly", first.leased().get(0).subject());
    assertTrue(tasks.takeDueTimers(10, Duration.ofMillis(100), TIMEOUT).leased().isEmpty(), "leased to the first taker");
    Thread.sleep(150); // the lease runs out
    assertEquals(1, tasks.takeDueTimers(10, Duration.ofMillis(100), TIMEOUT).leased().size(), "taken again");
  }

  @Test
  void retryingAndMigrationEventsNameTheirDetails() throws Exception {
    NewTask t = aTask().retry(TWO).build();
    Claim c = created(t, "w1");
    tasks.failAttempt(t.id(), c.epoch(), "flaky", "w1", Duration.ofMillis(10), true);
    BatonEvent e = events.newestFirst(null, 5).stream().filter(x -> x.type().equals("task.retrying")).findFirst().orElseThrow();
    assertEquals("1", e.fields().get("retry"));
    assertEquals("2", e.fields().get("max_retries"));
    assertEquals("10", e.fields().get("delay_ms"));
    assertEquals("1", e.fields().get("requested"));
    assertEquals("flaky", e.fields().get("reason"));
  }

  @Test
  void aTaskNotStartedByItsExpiryIsCancelledAndALateMessageCannotStartIt() throws Exception {
    NewTask scheduled = aTask().runAt(Instant.now().plusSeconds(60)).limits(new TaskLimits(null, null, Instant.now().plusMillis(50))).build();
    NewTask queued = aTask().limits(new TaskLimits(null, null, Instant.now().plusMillis(50))).build();
    tasks.create(List.of(scheduled, queued), TIMEOUT);
    Thread.sleep(80); // past the expiry

    assertTrue(!tasks.claim(queued.id(), "w1", 0).isClaimed(), "a message that comes late cannot start it");
    tasks.takeDueTimers(10, Duration.ofSeconds(30), TIMEOUT);

    for (NewTask t : List.of(scheduled, queued)) {
      assertEquals(TaskStatus.CANCELLED, tasks.find(t.id()).orElseThrow().status());
      List<Transition> h = tasks.history(t.id());
      assertEquals("expired", h.get(h.size() - 1).reason());
    }
  }

  @Test
  void aStartedTaskDoesNotExpire() throws Exception {
    NewTask t = aTask().limits(new TaskLimits(null, null, Instant.now().plusMillis(50))).build();
    tasks.create(List.of(t), TIMEOUT);
    tasks.claim(t.id(), "w1", 0);
    Thread.sleep(80);
    tasks.takeDueTimers(10, Duration.ofSeconds(30), TIMEOUT);
    assertEquals(TaskStatus.RUNNING, tasks.find(t.id()).orElseThrow().status());
  }

  @Test
  void theManagerFailsAnAttemptPastItsHardLimitWhenTheWorkerDidNotAndFencesIt() throws Exception {
    NewTask t = aTask().retry(new RetryPolicy(1, RetryPolicy.Backoff.FIXED, 100, 100)).limits(new TaskLimits(1, null, null)).build();
    tasks.create(List.of(t), TIMEOUT);
    Claim c = tasks.claim(t.id(), "w1", 0).claim();
    assertEquals(1, c.limits().timeLimitS());
    assertTrue(tasks.enforceTimeLimit(t.id(), Duration.ofMillis(100), Duration.ZERO).isEmpty(), "not yet past it: re-armed");

    Thread.sleep(1_050); // past the one-second limit
    assertEquals(TaskStatus.RETRYING, tasks.enforceTimeLimit(t.id(), Duration.ofMillis(100), Duration.ZERO).orElseThrow());

    TaskRecord r = tasks.find(t.id()).orElseThrow();
    assertEquals(c.epoch() + 1, r.epoch(), "the stuck worker is fenced");
    assertTrue(r.error().startsWith("time limit of 1 s exceeded"), r.error());
    assertEquals(WriteResult.Outcome.FENCED, tasks.finish(t.id(), c.epoch(), TaskStatus.COMPLETED, "{}", "w1").outcome());
  }
}
