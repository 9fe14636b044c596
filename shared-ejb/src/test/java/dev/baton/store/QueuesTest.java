package dev.baton.store;

import static dev.baton.testing.Tasks.aTask;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.queue.QueueChange;
import dev.baton.queue.QueueLimits;
import dev.baton.queue.QueueRecord;
import dev.baton.queue.QueueState;
import dev.baton.task.Claim;
import dev.baton.task.ClaimResult;
import dev.baton.task.DispatchOrder;
import dev.baton.task.NewTask;
import dev.baton.task.TaskRecord;
import dev.baton.task.TaskStatus;
import dev.baton.task.WriteResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Named queues in the Lua scripts on a real Redis: counts, pause, stop, concurrency and rate limits. */
class QueuesTest extends RedisStoreTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(1);
  private static final Duration HAND_BACK = Duration.ofSeconds(30);
  private RedisQueues queues;

  @BeforeEach
  void queues() {
    queues = new RedisQueues(redis);
  }

  private NewTask created(String queue) {
    NewTask t = aTask().queue(queue).build();
    tasks.create(List.of(t), TIMEOUT);
    return t;
  }

  private TaskRecord find(NewTask t) {
    return tasks.find(t.id()).orElseThrow();
  }

  private ClaimResult claim(NewTask t, String worker) {
    return tasks.claim(t.id(), worker, find(t).epoch());
  }

  private QueueRecord queue(String name) {
    return queues.find(name, Duration.ofSeconds(60)).orElseThrow();
  }

  /** The orders the timers send now (the queue's pump runs among them). */
  private List<DispatchOrder> sent() {
    return tasks.takeDueTimers(100, Duration.ofSeconds(30), TIMEOUT).send();
  }

  @Test
  void aQueueCountsItsTasksByStatusThroughTheirLives() {
    NewTask a = created("reports");
    NewTask b = created("reports");
    created("default");
    Claim c = claim(a, "w1").claim();
    assertEquals(Map.of("CREATED", 1L, "RUNNING", 1L), queue("reports").counts());

    tasks.finish(a.id(), c.epoch(), TaskStatus.COMPLETED, "1", "w1");
    tasks.cancel(b.id(), "no longer needed", "test", Duration.ofSeconds(5));

    QueueRecord q = queue("reports");
    assertEquals(Map.of("COMPLETED", 1L, "CANCELLED", 1L), q.counts());
    assertEquals(1, q.completed());
    assertEquals(1, q.completedRecently());
    assertEquals(Map.of("CREATED", 1L), queue("default").counts());
    assertEquals("reports", find(a).queue());
    assertEquals(java.util.Set.of("reports", "default"), queues.all(Duration.ofSeconds(60)).stream().map(QueueRecord::name).collect(java.util.stream.Collectors.toSet()));

    tasks.delete(List.of(a.id()), "test", "test");
    assertEquals(Map.of("CANCELLED", 1L), queue("reports").counts(), "a deleted task leaves its queue's counts");
  }

  @Test
  void aPausedQueueHoldsNewTasksBackAndTheClaimParksThoseSentBeforeTheResumeSendsThem() {
    NewTask before = created("nightly");
    queues.change("nightly", QueueState.PAUSED, null, null, "test", HAND_BACK);
    NewTask after = aTask().queue("nightly").build();
    Created made = tasks.create(List.of(after), TIMEOUT);

    assertEquals(java.util.Set.of(after.id()), made.parked(), "not sent at all");
    assertEquals(ClaimResult.Outcome.PARKED, claim(before, "w1").outcome(), "its message came after the pause: held back");
    assertEquals(TaskStatus.CREATED, find(before).status());
    assertEquals("queue nightly is paused", find(before).parkedReason());
    assertEquals(2, queue("nightly").parked());
    assertTrue(sent().isEmpty());

    queues.change("nightly", QueueState.ACTIVE, null, null, "test", HAND_BACK);

    List<DispatchOrder> orders = sent();
    assertEquals(2, orders.size());
    assertTrue(orders.stream().allMatch(o -> o.queue().equals("nightly")));
    assertNull(find(before).parkedReason());
    assertTrue(claim(before, "w1").isClaimed());
    assertTrue(claim(after, "w2").isClaimed());
    assertEquals(0, queue("nightly").parked());
  }

  @Test
  void theConcurrencyLimitHoldsForClaimsRacingFromManyWorkers() throws Exception {
    queues.change("gpu", null, 3, null, "test", HAND_BACK);
    List<NewTask> all = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      all.add(aTask().queue("gpu").build());
    }
    tasks.create(all, TIMEOUT);
    List<NewTask> sentAtOnce = all.stream().filter(t -> find(t).parkedReason() == null).toList();
    assertEquals(3, sentAtOnce.size(), "only as many are sent as may run; the rest wait parked");

    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<ClaimResult>> claims = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      NewTask t = all.get(i);
      String worker = "w" + (i % 8);
      claims.add(pool.submit(() -> claim(t, worker)));
    }
    List<NewTask> running = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      if (claims.get(i).get().isClaimed()) {
        running.add(all.get(i));
      }
    }
    pool.shutdown();
    assertEquals(3, running.size());
    assertEquals(3, queue("gpu").counts().get("RUNNING"));
    assertEquals(27, queue("gpu").parked());

    NewTask done = running.get(0);
    tasks.finish(done.id(), find(done).epoch(), TaskStatus.COMPLETED, "1", "w1");
    List<DispatchOrder> next = sent();
    assertEquals(1, next.size(), "a freed slot lets exactly one more go");
    NewTask nextTask = all.stream().filter(t -> t.id().equals(next.get(0).taskId())).findFirst().orElseThrow();
    assertTrue(claim(nextTask, "w5").isClaimed());
    assertEquals(3, queue("gpu").counts().get("RUNNING"));
  }

  @Test
  void theRateLimitLetsAtMostMaxStartWithinTheWindow() throws Exception {
    queues.change("mail", null, null, new QueueLimits(null, 2, Duration.ofMillis(400)), "test", HAND_BACK);
    List<NewTask> all = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      all.add(created("mail"));
    }
    long started = all.stream().filter(t -> claim(t, "w1").isClaimed()).count();
    assertEquals(2, started);
    assertTrue(find(all.get(4)).parkedReason().contains("limit of 2 per 0.4 s"), find(all.get(4)).parkedReason());
    assertTrue(sent().isEmpty(), "nothing is free before the window moves on");

    List<DispatchOrder> later = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
    while (later.size() < 2 && System.nanoTime() < deadline) {
      later.addAll(sent());
      Thread.sleep(10); // polling the timer a rate limit armed for the window's end
    }
    assertEquals(2, later.size(), "two more once the first two starts left the window");
  }

  @Test
  void underARateLimitTheParkedTasksStartAsFastAsTheWindowAllows() throws Exception {
    queues.change("pace", null, null, new QueueLimits(null, 3, Duration.ofMillis(300)), "test", HAND_BACK);
    List<NewTask> all = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      all.add(created("pace"));
    }
    long t0 = System.nanoTime();
    List<Long> starts = new ArrayList<>();
    for (NewTask t : all) { // every message arrives at once; the claims decide
      if (claim(t, "w1").isClaimed()) {
        starts.add(System.nanoTime());
      }
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (starts.size() < 9 && System.nanoTime() < deadline) {
      for (DispatchOrder o : sent()) { // a worker claims what the pump sends at once
        if (tasks.claim(o.taskId(), "w1", o.epoch()).isClaimed()) {
          starts.add(System.nanoTime());
        }
      }
      Thread.sleep(5); // the Timekeeper's poll
    }
    assertEquals(9, starts.size());
    for (int i = 0; i + 3 < starts.size(); i++) {
      assertTrue(starts.get(i + 3) - starts.get(i) >= Duration.ofMillis(290).toNanos(), "4 starts within a window");
    }
    double seconds = (starts.get(8) - t0) / 1e9;
    assertTrue(seconds < 0.9, "three windows of 0.3 s, not the 5 s safety look: " + seconds);
  }

  @Test
  void aStopAsksRunningTasksToHandBackAndTheyWaitParkedUntilTheStartThenResumeFromTheirCheckpoint() {
    NewTask t = created("train");
    NewTask other = created("default");
    Claim c = claim(t, "w1").claim();
    Claim o = claim(other, "w1").claim();
    tasks.report(t.id(), c.epoch(), 40, "", "{\"step\":4}", "w1");

    QueueChange stop = queues.change("train", QueueState.STOPPED, null, null, "test", HAND_BACK);

    assertEquals(List.of(new QueueChange.Stopping(t.id(), c.epoch(), "w1")), stop.stopping());
    assertEquals(TaskStatus.MIGRATING, find(t).status());
    assertEquals(TaskStatus.RUNNING, find(other).status(), "other queues are untouched");
    WriteResult r = tasks.report(t.id(), c.epoch(), 45, "", null, "w1");
    assertEquals(TaskStatus.MIGRATING, r.status(), "the owner learns it at its next write too");

    assertTrue(tasks.release(t.id(), c.epoch(), "{\"step\":5}", 50, "w1", "handed back", TIMEOUT).isEmpty(), "parked, not sent");
    assertEquals(TaskStatus.RELEASED, find(t).status());
    assertNotNull(find(t).parkedReason());
    assertEquals(1, queue("train").parked());
    assertTrue(sent().isEmpty());

    queues.change("train", QueueState.ACTIVE, null, null, "test", HAND_BACK);
    List<DispatchOrder> orders = sent();
    assertEquals(1, orders.size());
    assertNull(orders.get(0).targetWorker(), "any worker may resume it");
    Claim resumed = tasks.claim(t.id(), "w2", orders.get(0).epoch()).claim();
    assertEquals("{\"step\":5}", resumed.checkpoint());
    assertEquals(50, resumed.progress());
    assertEquals(o.epoch(), find(other).epoch());
  }

  @Test
  void stateAndLimitsAreKeptInRedisAndCountingTheTasksOfAnOlderBatonHappensOnce() {
    queues.change("q1", QueueState.PAUSED, 4, new QueueLimits(null, 10, Duration.ofSeconds(1)), "alice", HAND_BACK);
    RedisQueues again = new RedisQueues(redis);
    QueueRecord q = again.find("q1", Duration.ofSeconds(60)).orElseThrow();
    assertEquals(QueueState.PAUSED, q.state());
    assertEquals(new QueueLimits(4, 10, Duration.ofSeconds(1)), q.limits());
    assertEquals("alice", q.changedBy());

    queues.change("q1", null, 0, QueueLimits.NONE, "alice", HAND_BACK);
    assertEquals(QueueLimits.NONE, queue("q1").limits());
    assertEquals(QueueState.PAUSED, queue("q1").state(), "limits and state change apart");
    assertTrue(queues.find("never-used", Duration.ofSeconds(60)).isEmpty());
    assertTrue(!queues.countExistingTasks(), "this Redis has queues already");
  }
}
