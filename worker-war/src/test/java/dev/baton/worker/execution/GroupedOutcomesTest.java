package dev.baton.worker.execution;

import static dev.baton.testing.Tasks.aTask;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.store.Redis;
import dev.baton.store.RedisClaims;
import dev.baton.store.RedisOutcomes;
import dev.baton.store.RedisOutcomesThenClaims;
import dev.baton.store.RedisTaskStore;
import dev.baton.store.StoreUnavailableException;
import dev.baton.task.AttemptOutcome;
import dev.baton.task.Claim;
import dev.baton.task.ClaimResult;
import dev.baton.task.DispatchOrder;
import dev.baton.task.NewTask;
import dev.baton.task.Outcomes;
import dev.baton.task.OutcomesThenClaims;
import dev.baton.task.TaskStatus;
import dev.baton.task.WriteResult;
import dev.baton.testing.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The worker's outcome writer, on a real Redis: outcomes queued during a write go together in the next call, each
 * gets its own result and is recorded once; a write that finds Redis unreachable is retried until it goes through
 * or its limit passes; a stop writes what is queued first. A claim takes the outcomes queued at that moment along, in
 * one call.
 */
class GroupedOutcomesTest {

  @Test
  void outcomesQueuedDuringAWriteGoTogetherInTheNextOne() throws Exception {
    try (RedisServer server = RedisServer.start(); Redis redis = server.freshClient(4)) {
      RedisTaskStore store = new RedisTaskStore(redis);
      List<Claim> claims = claimed(store, 9);
      CountDownLatch firstWriteMayEnd = new CountDownLatch(1);
      List<Integer> calls = new CopyOnWriteArrayList<>();
      GroupedOutcomes cut = writer(firstWriteWaits(firstWriteMayEnd, calls, new RedisOutcomes(redis)));
      try {
        List<CompletableFuture<WriteResult>> results = new ArrayList<>();
        results.add(cut.submit(completed(claims.get(0))));
        await().atMost(Duration.ofSeconds(5)).until(() -> calls.size() == 1);
        for (Claim c : claims.subList(1, 9)) {
          results.add(cut.submit(completed(c))); // returns at once: the slot is free for its next task
        }
        assertEquals(8, cut.waiting());
        firstWriteMayEnd.countDown();

        for (CompletableFuture<WriteResult> r : results) {
          assertTrue(r.get(5, TimeUnit.SECONDS).isOk());
        }
        assertEquals(List.of(1, 8), calls, "one write for the first, one for the eight queued during it");
        assertCompleted(store, claims);
      } finally {
        cut.stop(Duration.ofSeconds(5));
      }
    }
  }

  @Test
  void aWriteThatFindsRedisUnreachableIsRetriedUntilItGoesThrough() throws Exception {
    try (RedisServer server = RedisServer.start(); Redis redis = server.freshClient(4)) {
      RedisTaskStore store = new RedisTaskStore(redis);
      Claim claim = claimed(store, 1).get(0);
      RedisOutcomes real = new RedisOutcomes(redis);
      AtomicInteger calls = new AtomicInteger();
      GroupedOutcomes cut =
          writer(
              outcomes -> {
                if (calls.incrementAndGet() <= 2) {
                  throw new StoreUnavailableException("Redis is down (simulated)", null);
                }
                return real.record(outcomes);
              });
      try {
        WriteResult r = cut.submit(completed(claim)).get(10, TimeUnit.SECONDS);
        assertTrue(r.isOk());
        assertEquals(3, calls.get(), "two refused, the third went through");
        assertEquals(TaskStatus.COMPLETED, store.find(claim.taskId()).orElseThrow().status());
        assertEquals(1, store.history(claim.taskId()).stream().filter(h -> h.to() == TaskStatus.COMPLETED).count());
      } finally {
        cut.stop(Duration.ofSeconds(5));
      }
    }
  }

  @Test
  void anOutcomeIsGivenUpOnOnceRedisStaysUnreachablePastItsLimit() throws Exception {
    GroupedOutcomes cut =
        writer(
            outcomes -> {
              throw new StoreUnavailableException("Redis is down (simulated)", null);
            });
    cut.retryLimit = Duration.ofMillis(300);
    try {
      assertNull(cut.submit(new AttemptOutcome("t-1", 1, AttemptOutcome.Kind.COMPLETED, "{}", "w1", null)).get(10, TimeUnit.SECONDS));
    } finally {
      cut.stop(Duration.ofSeconds(1));
    }
  }

  @Test
  void aStopWritesWhatIsQueuedBeforeTheWriterEnds() throws Exception {
    try (RedisServer server = RedisServer.start(); Redis redis = server.freshClient(4)) {
      RedisTaskStore store = new RedisTaskStore(redis);
      List<Claim> claims = claimed(store, 5);
      CountDownLatch firstWriteMayEnd = new CountDownLatch(1);
      List<Integer> calls = new CopyOnWriteArrayList<>();
      GroupedOutcomes cut = writer(firstWriteWaits(firstWriteMayEnd, calls, new RedisOutcomes(redis)));
      List<CompletableFuture<WriteResult>> results = new ArrayList<>();
      results.add(cut.submit(completed(claims.get(0))));
      await().atMost(Duration.ofSeconds(5)).until(() -> calls.size() == 1);
      claims.subList(1, 5).forEach(c -> results.add(cut.submit(completed(c))));
      var stopping = Executors.newSingleThreadExecutor().submit(() -> cut.stop(Duration.ofSeconds(10)));
      firstWriteMayEnd.countDown();
      stopping.get(15, TimeUnit.SECONDS);

      for (CompletableFuture<WriteResult> r : results) {
        assertTrue(r.isDone() && r.get().isOk(), "decided before the stop returned");
      }
      assertCompleted(store, claims);
    }
  }

  @Test
  void aClaimTakesTheOutcomesQueuedNowAlongInOneCall() throws Exception {
    try (RedisServer server = RedisServer.start(); Redis redis = server.freshClient(4)) {
      RedisTaskStore store = new RedisTaskStore(redis);
      List<Claim> claims = claimed(store, 4);
      List<DispatchOrder> next = created(store, 2);
      CountDownLatch firstWriteMayEnd = new CountDownLatch(1);
      List<Integer> calls = new CopyOnWriteArrayList<>();
      List<String> together = new CopyOnWriteArrayList<>();
      GroupedOutcomes cut = writer(firstWriteWaits(firstWriteMayEnd, calls, new RedisOutcomes(redis)));
      cut.claims = (worker, orders) -> {
        throw new AssertionError("a claim alone while outcomes were queued");
      };
      RedisOutcomesThenClaims real = new RedisOutcomesThenClaims(redis);
      cut.outcomesThenClaims = (outcomes, worker, orders) -> {
        together.add(outcomes.size() + " outcomes, " + orders.size() + " claims");
        return real.recordThenClaim(outcomes, worker, orders);
      };
      try {
        List<CompletableFuture<WriteResult>> results = new ArrayList<>();
        results.add(cut.submit(completed(claims.get(0))));
        await().atMost(Duration.ofSeconds(5)).until(() -> calls.size() == 1); // the writer is busy with the first
        claims.subList(1, 4).forEach(c -> results.add(cut.submit(completed(c))));

        List<ClaimResult> claimed = cut.claim("w1", next); // on this thread, while the writer still waits

        assertEquals(List.of(ClaimResult.Outcome.CLAIMED, ClaimResult.Outcome.CLAIMED), claimed.stream().map(ClaimResult::outcome).toList());
        assertEquals(List.of("3 outcomes, 2 claims"), together);
        assertEquals(0, cut.waiting());
        for (CompletableFuture<WriteResult> r : results.subList(1, 4)) {
          assertTrue(r.isDone() && r.get().isOk(), "decided by the claim's call");
        }
        firstWriteMayEnd.countDown();
        assertTrue(results.get(0).get(5, TimeUnit.SECONDS).isOk());
        assertEquals(List.of(1), calls, "the writer wrote only the first");
        assertCompleted(store, claims);
        for (DispatchOrder o : next) {
          assertEquals(TaskStatus.RUNNING, store.find(o.taskId()).orElseThrow().status());
        }
      } finally {
        cut.stop(Duration.ofSeconds(5));
      }
    }
  }

  @Test
  void aClaimThatFindsRedisUnreachableFailsAndLeavesItsOutcomesToTheWriter() throws Exception {
    try (RedisServer server = RedisServer.start(); Redis redis = server.freshClient(4)) {
      RedisTaskStore store = new RedisTaskStore(redis);
      Claim running = claimed(store, 1).get(0);
      List<DispatchOrder> next = created(store, 3);
      CountDownLatch writerMayWrite = new CountDownLatch(1);
      GroupedOutcomes cut = writer(outcomes -> {
        block(writerMayWrite);
        return new RedisOutcomes(redis).record(outcomes);
      });
      cut.claims = new RedisClaims(redis);
      cut.outcomesThenClaims = (outcomes, worker, orders) -> {
        throw new StoreUnavailableException("Redis is down (simulated)", null);
      };
      try {
        assertEquals(List.of(ClaimResult.Outcome.CLAIMED, ClaimResult.Outcome.CLAIMED),
            cut.claim("w1", next.subList(0, 2)).stream().map(ClaimResult::outcome).toList(), "nothing queued: the claim alone");

        CompletableFuture<WriteResult> blocker = cut.submit(completed(claimed(store, 1).get(0)));
        await().atMost(Duration.ofSeconds(5)).until(() -> cut.waiting() == 0); // the writer took it and waits
        CompletableFuture<WriteResult> result = cut.submit(completed(running));
        assertThrows(StoreUnavailableException.class, () -> cut.claim("w1", next.subList(2, 3)));
        assertEquals(TaskStatus.CREATED, store.find(next.get(2).taskId()).orElseThrow().status());
        assertEquals(1, cut.waiting(), "the outcome went back to the writer");
        writerMayWrite.countDown();
        assertTrue(blocker.get(5, TimeUnit.SECONDS).isOk());
        assertTrue(result.get(5, TimeUnit.SECONDS).isOk());
        assertEquals(TaskStatus.COMPLETED, store.find(running.taskId()).orElseThrow().status());
      } finally {
        cut.stop(Duration.ofSeconds(5));
      }
    }
  }

  private static List<DispatchOrder> created(RedisTaskStore store, int n) {
    List<DispatchOrder> orders = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      NewTask t = aTask().build();
      store.create(List.of(t), Duration.ofMinutes(1));
      orders.add(new DispatchOrder(t.id(), 0, t.type(), t.priority(), null, 0, "default"));
    }
    return orders;
  }

  /** Real writes, of which the first waits for the latch (the others end meanwhile); each call's size is noted. */
  private static Outcomes firstWriteWaits(CountDownLatch firstWriteMayEnd, List<Integer> calls, RedisOutcomes real) {
    return outcomes -> {
      calls.add(outcomes.size());
      if (calls.size() == 1) {
        block(firstWriteMayEnd);
      }
      return real.record(outcomes);
    };
  }

  private static GroupedOutcomes writer(Outcomes outcomes) {
    GroupedOutcomes cut = new GroupedOutcomes();
    cut.outcomes = outcomes;
    cut.start(Thread::new);
    return cut;
  }

  private static List<Claim> claimed(RedisTaskStore store, int n) {
    List<Claim> claims = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      NewTask t = aTask().build();
      store.create(List.of(t), Duration.ofMinutes(1));
      claims.add(store.claim(t.id(), "w1", 0).claim());
    }
    return claims;
  }

  private static void assertCompleted(RedisTaskStore store, List<Claim> claims) {
    for (Claim c : claims) {
      assertEquals(TaskStatus.COMPLETED, store.find(c.taskId()).orElseThrow().status());
    }
  }

  private static AttemptOutcome completed(Claim c) {
    return new AttemptOutcome(c.taskId(), c.epoch(), AttemptOutcome.Kind.COMPLETED, "{}", "w1", null);
  }

  private static void block(CountDownLatch latch) {
    try {
      assertTrue(latch.await(10, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
