package dev.baton.worker.execution;

import static dev.baton.testing.Tasks.aTask;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.store.Redis;
import dev.baton.store.RedisOutcomes;
import dev.baton.store.RedisTaskStore;
import dev.baton.task.AttemptOutcome;
import dev.baton.task.Claim;
import dev.baton.task.NewTask;
import dev.baton.task.Outcomes;
import dev.baton.task.TaskStatus;
import dev.baton.task.WriteResult;
import dev.baton.testing.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Slots whose tasks end while an outcome is being written have theirs written together in the next call, on a real
 * Redis; each slot gets its own result, and each result is recorded once.
 */
class GroupedOutcomesTest {

  @Test
  void outcomesThatEndDuringAWriteGoTogetherInTheNextOne() throws Exception {
    try (RedisServer server = RedisServer.start(); Redis redis = server.freshClient(4)) {
      RedisTaskStore store = new RedisTaskStore(redis);
      List<Claim> claims = new ArrayList<>();
      for (int i = 0; i < 9; i++) {
        NewTask t = aTask().build();
        store.create(List.of(t), Duration.ofMinutes(1));
        claims.add(store.claim(t.id(), "w1", 0).claim());
      }
      CountDownLatch firstWriteMayEnd = new CountDownLatch(1);
      List<Integer> calls = new CopyOnWriteArrayList<>();
      RedisOutcomes real = new RedisOutcomes(redis);
      Outcomes slowFirst =
          outcomes -> {
            calls.add(outcomes.size());
            if (calls.size() == 1) {
              block(firstWriteMayEnd); // the first write takes long: the others end meanwhile
            }
            return real.record(outcomes);
          };
      GroupedOutcomes cut = new GroupedOutcomes();
      cut.outcomes = slowFirst;
      ExecutorService slots = Executors.newFixedThreadPool(9);
      try {
        List<Future<WriteResult>> results = new ArrayList<>();
        results.add(slots.submit(() -> cut.record(completed(claims.get(0)))));
        await().atMost(Duration.ofSeconds(5)).until(() -> calls.size() == 1);
        for (Claim c : claims.subList(1, 9)) {
          results.add(slots.submit(() -> cut.record(completed(c))));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> cut.waiting() == 8);
        firstWriteMayEnd.countDown();

        for (Future<WriteResult> r : results) {
          assertTrue(r.get(5, TimeUnit.SECONDS).isOk());
        }
        assertEquals(List.of(1, 8), calls, "one write for the first, one for the eight that ended during it");
        for (Claim c : claims) {
          assertEquals(TaskStatus.COMPLETED, store.find(c.taskId()).orElseThrow().status());
        }
      } finally {
        slots.shutdownNow();
      }
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
