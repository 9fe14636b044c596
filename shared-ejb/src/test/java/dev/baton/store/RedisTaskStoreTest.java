package dev.baton.store;

import static dev.baton.testing.Tasks.aTask;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.event.BatonEvent;
import dev.baton.task.Claim;
import dev.baton.task.ClaimResult;
import dev.baton.task.DispatchOrder;
import dev.baton.task.DuplicateTaskException;
import dev.baton.task.IllegalTransitionException;
import dev.baton.task.Move;
import dev.baton.task.NewTask;
import dev.baton.task.Page;
import dev.baton.task.TaskQuery;
import dev.baton.task.TaskRecord;
import dev.baton.task.TaskStatus;
import dev.baton.task.Transition;
import dev.baton.task.WriteResult;
import dev.baton.testing.RedisServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Lua scripts against a real redis-server: atomicity, the transition table, and fencing by epoch. */
class RedisTaskStoreTest extends RedisStoreTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private RedisTaskStore cut;

  @BeforeEach
  void store() {
    cut = tasks;
  }

  @Test
  void createsATaskInCreatedWithEpochZero() {
    NewTask task = aTask().priority(7).checkpointEvery(3).build();
    var createdAt = cut.create(List.of(task), TIMEOUT).at();

    TaskRecord stored = cut.find(task.id()).orElseThrow();
    assertEquals(TaskStatus.CREATED, stored.status());
    assertEquals(7, stored.priority());
    assertEquals(0, stored.epoch());
    assertEquals(0, stored.progress());
    assertEquals(task.data(), stored.data());
    assertEquals(3, stored.checkpointIntervalS());
    assertEquals(createdAt, stored.createdAt());
    assertEquals(createdAt, stored.updatedAt());
    assertNull(stored.workerId());
    assertEquals(List.of(TaskStatus.CREATED), cut.history(task.id()).stream().map(Transition::to).toList());
  }

  @Test
  void createsABatchAllOrNothing() {
    NewTask existing = aTask().build();
    cut.create(List.of(existing), TIMEOUT);
    NewTask fresh = aTask().build();

    DuplicateTaskException e =
        assertThrows(DuplicateTaskException.class, () -> cut.create(List.of(fresh, aTask().id(existing.id()).build()), TIMEOUT));

    assertEquals(existing.id(), e.taskId());
    assertTrue(cut.find(fresh.id()).isEmpty(), "nothing of a refused batch is written");
    assertEquals(1, cut.stats(10).byStatus().get(TaskStatus.CREATED));
  }

  @Test
  void claimBumpsTheEpochAndRecordsAssignedThenRunning() {
    NewTask task = aTask().build();
    cut.create(List.of(task), TIMEOUT);

    ClaimResult result = cut.claim(task.id(), "worker-1", 0);

    assertTrue(result.isClaimed());
    Claim claim = result.claim();
    assertEquals(1, claim.epoch());
    assertEquals(1, claim.attempt());
    assertEquals(task.data(), claim.data());
    assertNull(claim.checkpoint());
    TaskRecord stored = cut.find(task.id()).orElseThrow();
    assertEquals(TaskStatus.RUNNING, stored.status());
    assertEquals("worker-1", stored.workerId());
    assertNotNull(stored.startedAt());
    assertEquals(
        List.of(TaskStatus.CREATED, TaskStatus.ASSIGNED, TaskStatus.RUNNING),
        cut.history(task.id()).stream().map(Transition::to).toList());
    assertEquals(0, cut.stats(10).pendingDispatches(), "a claimed task is no longer due for a resend");
  }

  @Test
  void aDuplicateMessageCannotBeClaimedTwice() {
    NewTask task = aTask().build();
    cut.create(List.of(task), TIMEOUT);
    assertTrue(cut.claim(task.id(), "worker-1", 0).isClaimed());

    ClaimResult second = cut.claim(task.id(), "worker-2", 0);

    assertEquals(ClaimResult.Outcome.STALE, second.outcome());
    assertEquals("worker-1", cut.find(task.id()).orElseThrow().workerId());
  }

  @Test
  void aClaimOfAnUnknownTaskIsMissing() {
    assertEquals(ClaimResult.Outcome.MISSING, cut.claim("nope", "worker-1", 0).outcome());
  }

  @Test
  void theOwnerReportsProgressAndCheckpoints() {
    NewTask task = aTask().build();
    cut.create(List.of(task), TIMEOUT);
    Claim claim = cut.claim(task.id(), "worker-1", 0).claim();

    assertTrue(cut.report(task.id(), claim.epoch(), 40, "step 4 of 10", null, "worker-1").isOk());
    WriteResult checkpoint = cut.report(task.id(), claim.epoch(), 50, "step 5 of 10", "{\"step\":5}", "worker-1");

    assertTrue(checkpoint.isOk());
    assertEquals(TaskStatus.RUNNING, checkpoint.status());
    TaskRecord stored = cut.find(task.id()).orElseThrow();
    assertEquals(50, stored.progress());
    assertEquals("step 5 of 10", stored.progressMessage());
    assertEquals("{\"step\":5}", stored.checkpointData());
    assertNotNull(stored.lastCheckpointAt());
    assertEquals(1, stored.checkpoints());
  }

  /** The zombie case: worker-1 is declared dead, worker-2 resumes; worker-1 wakes up and writes. */
  @Test
  void aStaleEpochCannotProgressCheckpointOrComplete() {
    NewTask task = aTask().build();
    cut.create(List.of(task), TIMEOUT);
    Claim zombie = cut.claim(task.id(), "worker-1", 0).claim();
    cut.report(task.id(), zombie.epoch(), 30, "", "{\"step\":3}", "worker-1");

    WriteResult recovered =
        cut.move(new Move(task.id(), TaskStatus.RECOVERING, Set.of(TaskStatus.RUNNING), null, true, "worker-1 failed", "test", Duration.ZERO));
    assertTrue(recovered.isOk());
    Claim successor = cut.claim(task.id(), "worker-2", zombie.epoch() + 1).claim();
    assertEquals("{\"step\":3}", successor.checkpoint(), "resumes from the last checkpoint");
    assertEquals(30, successor.progress());
    assertEquals(zombie.epoch() + 2, successor.epoch());

    assertEquals(WriteResult.Outcome.FENCED, cut.report(task.id(), zombie.epoch(), 90, "", null, "worker-1").outcome());
    assertEquals(WriteResult.Outcome.FENCED, cut.report(task.id(), zombie.epoch(), 90, "", "{\"step\":9}", "worker-1").outcome());
    assertEquals(WriteResult.Outcome.FENCED, cut.finish(task.id(), zombie.epoch(), TaskStatus.COMPLETED, "{\"zombie\":true}", "worker-1").outcome());
    assertEquals(WriteResult.Outcome.FENCED, cut.finish(task.id(), zombie.epoch(), TaskStatus.FAILED, "zombie", "worker-1").outcome());

    TaskRecord stored = cut.find(task.id()).orElseThrow();
    assertEquals(TaskStatus.RUNNING, stored.status());
    assertEquals("worker-2", stored.workerId());
    assertEquals(30, stored.progress());
    assertEquals("{\"step\":3}", stored.checkpointData());

    assertTrue(cut.finish(task.id(), successor.epoch(), TaskStatus.COMPLETED, "{\"ok\":true}", "worker-2").isOk());
    assertEquals("{\"ok\":true}", cut.find(task.id()).orElseThrow().result());
  }

  @Test
  void aResultIsRecordedExactlyOnce() {
    NewTask task = aTask().build();
    cut.create(List.of(task), TIMEOUT);
    Claim claim = cut.claim(task.id(), "worker-1", 0).claim();

    assertTrue(cut.finish(task.id(), claim.epoch(), TaskStatus.COMPLETED, "{\"n\":1}", "worker-1").isOk());
    WriteResult again = cut.finish(task.id(), claim.epoch(), TaskStatus.COMPLETED, "{\"n\":2}", "worker-1");

    assertEquals(WriteResult.Outcome.FENCED, again.outcome());
    assertEquals(TaskStatus.COMPLETED, again.status());
    assertEquals("{\"n\":1}", cut.find(task.id()).orElseThrow().result());
    long completions = cut.history(task.id()).stream().filter(t -> t.to() == TaskStatus.COMPLETED).count();
    assertEquals(1, completions);
    assertEquals(1L, cut.stats(10).totals().get("completed"));
  }

  @Test
  void theCompletionRateCountsFullSecondsOnTheRedisClock() {
    for (int i = 0; i < 3; i++) {
      NewTask task = aTask().build();
      cut.create(List.of(task), TIMEOUT);
      Claim claim = cut.claim(task.id(), "worker-1", 0).claim();
      cut.finish(task.id(), claim.epoch(), TaskStatus.COMPLETED, "{}", "worker-1");
    }
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(3))
        .until(() -> cut.stats(60).completedPerSecond().stream().mapToLong(Long::longValue).sum() == 3);
    var stats = cut.stats(60);
    assertEquals(60, stats.completedPerSecond().size());
    assertEquals(3 / 60.0, stats.completionsPerSecond(60), 1e-9);
    assertEquals(3 / 10.0, stats.completionsPerSecond(10), 1e-9, "all three within the last 10 s");
  }

  @Test
  void theTableRefusesIllegalMovesInsideRedis() {
    NewTask task = aTask().build();
    cut.create(List.of(task), TIMEOUT);

    IllegalTransitionException e =
        assertThrows(
            IllegalTransitionException.class,
            () -> cut.move(new Move(task.id(), TaskStatus.COMPLETED, Set.of(), null, false, "cheat", "test", null)));

    assertEquals(TaskStatus.CREATED, e.from());
    assertEquals(TaskStatus.CREATED, cut.find(task.id()).orElseThrow().status());
    assertEquals(1, cut.history(task.id()).size(), "nothing written");
  }

  @Test
  void aFailureRecordsTheError() {
    NewTask task = aTask().build();
    cut.create(List.of(task), TIMEOUT);
    Claim claim = cut.claim(task.id(), "worker-1", 0).claim();

    assertTrue(cut.finish(task.id(), claim.epoch(), TaskStatus.FAILED, "boom", "worker-1").isOk());

    TaskRecord stored = cut.find(task.id()).orElseThrow();
    assertEquals(TaskStatus.FAILED, stored.status());
    assertEquals("boom", stored.error());
    assertNotNull(stored.finishedAt());
  }

  @Test
  void listsNewestFirstWithFiltersAndPaging() {
    List<NewTask> all = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      NewTask t = aTask().type(i % 2 == 0 ? "io" : "sleep").build();
      cut.create(List.of(t), TIMEOUT); // one by one: distinct creation times
      all.add(t);
    }
    cut.claim(all.get(0).id(), "worker-9", 0);
    cut.claim(all.get(2).id(), "worker-9", 0);
    cut.claim(all.get(3).id(), "worker-8", 0);

    Page<TaskRecord> page = cut.list(new TaskQuery(Set.of(), null, null, 0, 3));
    assertEquals(7, page.total());
    assertEquals(3, page.items().size());
    assertTrue(!page.items().get(0).createdAt().isBefore(page.items().get(2).createdAt()), "newest first");

    Page<TaskRecord> io = cut.list(new TaskQuery(Set.of(), "io", null, 0, 50));
    assertEquals(4, io.total());
    assertTrue(io.items().stream().allMatch(t -> t.type().equals("io")));

    Page<TaskRecord> ioOnWorker9Running = cut.list(new TaskQuery(Set.of(TaskStatus.RUNNING), "io", "worker-9", 0, 50));
    assertEquals(2, ioOnWorker9Running.total());
    assertEquals(
        Set.of(all.get(0).id(), all.get(2).id()), Set.copyOf(ioOnWorker9Running.items().stream().map(TaskRecord::id).toList()));

    Page<TaskRecord> secondPage = cut.list(new TaskQuery(Set.of(TaskStatus.CREATED), null, null, 2, 2));
    assertEquals(4, secondPage.total());
    assertEquals(2, secondPage.items().size());

    Page<TaskRecord> beyond = cut.list(new TaskQuery(Set.of(TaskStatus.RUNNING), "io", "worker-9", 5, 5));
    assertEquals(2, beyond.total());
    assertTrue(beyond.items().isEmpty());
  }

  @Test
  void unclaimedTasksBecomeDueAgainWithBackoff() {
    NewTask task = aTask().priority(8).build();
    cut.create(List.of(task), Duration.ZERO);

    List<DispatchOrder> first = cut.takeDueDispatches(100, Duration.ofMinutes(1));
    assertEquals(1, first.size());
    DispatchOrder order = first.get(0);
    assertEquals(task.id(), order.taskId());
    assertEquals(8, order.priority());
    assertEquals(1, order.dispatch());
    assertEquals(task.id() + ":e0:d1", order.duplicateId());
    assertTrue(cut.takeDueDispatches(100, Duration.ofMinutes(1)).isEmpty(), "not due again before the timeout");

    cut.retrySendLater(List.of(task.id()), Duration.ZERO);
    assertEquals(2, cut.takeDueDispatches(100, Duration.ofMinutes(1)).get(0).dispatch());

    cut.retrySendLater(List.of(task.id()), Duration.ZERO);
    cut.claim(task.id(), "worker-1", 0);
    cut.retrySendLater(List.of(task.id()), Duration.ZERO);
    assertTrue(cut.takeDueDispatches(100, Duration.ZERO).isEmpty(), "a claimed task is never resent");
  }

  @Test
  void everyChangeIsInTheEventLog() {
    NewTask task = aTask().build();
    cut.create(List.of(task), TIMEOUT);
    Claim claim = cut.claim(task.id(), "worker-1", 0).claim();
    cut.report(task.id(), claim.epoch(), 50, "", "{}", "worker-1");
    cut.finish(task.id(), claim.epoch(), TaskStatus.COMPLETED, "{}", "worker-1");

    List<BatonEvent> newest = events.newestFirst(null, 10);
    assertEquals(
        List.of("task.completed", "task.checkpoint", "task.started", "task.created"),
        newest.stream().map(BatonEvent::type).toList());
    assertEquals("worker-1", newest.get(0).workerId());
    assertEquals(task.id(), newest.get(0).taskId());
    assertEquals(
        List.of("task.created"), events.newestFirst(newest.get(2).id(), 10).stream().map(BatonEvent::type).toList());
    assertEquals(3, events.after(newest.get(3).id(), 10).size());
  }

  @Test
  void scriptsAreReloadedAfterRedisForgotThem() {
    NewTask task = aTask().build();
    cut.create(List.of(task), TIMEOUT);
    redis.call(c -> c.scriptFlush());

    assertTrue(cut.claim(task.id(), "worker-1", 0).isClaimed());
  }

  @Test
  void tasksSurviveAKill9OfRedis() throws Exception {
    RedisServer own = RedisServer.start();
    NewTask task = aTask().build();
    try (Redis r = new Redis(URI.create(own.url()), "baton:", 1000, 2)) {
      new RedisTaskStore(r).create(List.of(task), TIMEOUT);
    }
    own.kill();

    RedisServer restarted = RedisServer.startIn(own.dir(), own.port());
    try (Redis r = new Redis(URI.create(restarted.url()), "baton:", 1000, 2)) {
      assertEquals(TaskStatus.CREATED, new RedisTaskStore(r).find(task.id()).orElseThrow().status());
    } finally {
      restarted.close();
    }
  }

  @Test
  void afterARedisRestartOneBrokenConnectionClearsTheOtherStaleOnes() {
    RedisServer own = RedisServer.start();
    try (Redis r = new Redis(URI.create(own.url()), "baton:", 1000, 4)) {
      RedisTaskStore store = new RedisTaskStore(r);
      await("the pool keeps idle connections").atMost(Duration.ofSeconds(5)).until(() -> r.idleConnections() >= 2);
      own.kill();
      RedisServer restarted = RedisServer.startIn(own.dir(), own.port());
      try {
        // A write is not retried (it may have run before its connection broke), so the first one may fail.
        try {
          store.create(List.of(aTask().build()), TIMEOUT);
        } catch (StoreUnavailableException expected) {
          // the restart broke its connection
        }
        NewTask next = aTask().build();
        store.create(List.of(next), TIMEOUT);
        assertEquals(TaskStatus.CREATED, store.find(next.id()).orElseThrow().status());
      } finally {
        restarted.close();
      }
    }
  }

  @Test
  void anUnreachableRedisIsReportedAsUnavailable() {
    try (Redis r = new Redis(URI.create("redis://127.0.0.1:" + dev.baton.testing.FreePorts.find()), "x:", 10, 1)) {
      assertThrows(StoreUnavailableException.class, () -> new RedisTaskStore(r).find("x"));
    }
    assertFalse(cut.find("x").isPresent());
  }
}
