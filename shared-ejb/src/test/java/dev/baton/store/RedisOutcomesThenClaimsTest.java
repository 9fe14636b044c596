package dev.baton.store;

import static dev.baton.testing.Tasks.aTask;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.baton.task.AttemptOutcome;
import dev.baton.task.AttemptOutcome.Kind;
import dev.baton.task.Claim;
import dev.baton.task.ClaimResult;
import dev.baton.task.DispatchOrder;
import dev.baton.task.NewTask;
import dev.baton.task.OutcomesThenClaims.Decided;
import dev.baton.task.TaskStatus;
import dev.baton.task.WriteResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * A worker's outcomes and its next claims in one call (finish_claim.lua): the outcomes first, so the queue places
 * they free go to the claims after them; each decided exactly as alone - fenced outcomes and stale claims refused.
 */
class RedisOutcomesThenClaimsTest extends RedisStoreTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(1);

  private DispatchOrder order(NewTask t) {
    var r = tasks.find(t.id()).orElseThrow();
    return new DispatchOrder(t.id(), r.epoch(), r.type(), r.priority(), null, 0, r.queue());
  }

  private static AttemptOutcome completed(Claim c, String worker) {
    return new AttemptOutcome(c.taskId(), c.epoch(), Kind.COMPLETED, "{\"n\":1}", worker, null);
  }

  @Test
  void theOutcomesGoFirstAndThePlacesTheyFreeGoToTheClaimsAfterThem() {
    NewTask a = aTask().queue("gpu").build();
    NewTask b = aTask().queue("gpu").build();
    NewTask c = aTask().queue("gpu").build();
    tasks.create(List.of(a, b, c), TIMEOUT); // nobody configured the queue yet: all three are sent
    Claim running = tasks.claim(a.id(), "w1", 0).claim();
    new RedisQueues(redis).change("gpu", null, 1, null, "test", Duration.ofSeconds(30)); // now one at a time: a's place
    try (Jedis admin = new Jedis("127.0.0.1", server.port())) {
      admin.configResetStat();
    }

    Decided d = new RedisOutcomesThenClaims(redis).recordThenClaim(List.of(completed(running, "w1")), "w1", List.of(order(b), order(c)));

    assertEquals(List.of(WriteResult.Outcome.OK), d.written().stream().map(WriteResult::outcome).toList());
    assertEquals(List.of(ClaimResult.Outcome.CLAIMED, ClaimResult.Outcome.PARKED), d.claimed().stream().map(ClaimResult::outcome).toList(),
        "a's completion freed the queue's one place for b; c waits");
    assertEquals(TaskStatus.COMPLETED, tasks.find(a.id()).orElseThrow().status());
    assertEquals(TaskStatus.RUNNING, tasks.find(b.id()).orElseThrow().status());
    assertEquals("w1", tasks.find(b.id()).orElseThrow().workerId());
    assertEquals(TaskStatus.CREATED, tasks.find(c.id()).orElseThrow().status());
    try (Jedis admin = new Jedis("127.0.0.1", server.port())) {
      String stats = admin.info("commandstats");
      assertEquals(1, stats.lines().filter(l -> l.startsWith("cmdstat_fcall:calls=1,")).count(), "one call for both: " + stats);
    }
  }

  @Test
  void aFencedOutcomeAndAStaleClaimAreRefusedAsTheyAreAlone() {
    NewTask zombie = aTask().build();
    NewTask taken = aTask().build();
    NewTask fresh = aTask().build();
    tasks.create(List.of(zombie, taken, fresh), TIMEOUT);
    Claim old = tasks.claim(zombie.id(), "w0", 0).claim();
    tasks.claim(zombie.id(), "w2", 0); // stale: the epoch moved on with w0's claim
    DispatchOrder staleOrder = order(taken);
    tasks.claim(taken.id(), "w2", 0); // another worker got it first

    Decided d =
        new RedisOutcomesThenClaims(redis)
            .recordThenClaim(
                List.of(new AttemptOutcome(old.taskId(), old.epoch() - 1, Kind.COMPLETED, "{}", "w0", null)), "w1", List.of(staleOrder, order(fresh)));

    assertEquals(List.of(WriteResult.Outcome.FENCED), d.written().stream().map(WriteResult::outcome).toList());
    assertEquals(List.of(ClaimResult.Outcome.STALE, ClaimResult.Outcome.CLAIMED), d.claimed().stream().map(ClaimResult::outcome).toList());
    assertEquals(TaskStatus.RUNNING, tasks.find(zombie.id()).orElseThrow().status(), "the fenced outcome changed nothing");
    assertEquals("w2", tasks.find(taken.id()).orElseThrow().workerId());
    assertEquals("w1", tasks.find(fresh.id()).orElseThrow().workerId());
  }
}
