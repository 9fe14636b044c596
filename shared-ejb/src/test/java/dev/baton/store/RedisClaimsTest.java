package dev.baton.store;

import static dev.baton.testing.Tasks.aTask;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.cluster.Heartbeat;
import dev.baton.cluster.WorkerStatus;
import dev.baton.task.ClaimResult;
import dev.baton.task.ClaimResult.Outcome;
import dev.baton.task.DispatchOrder;
import dev.baton.task.NewTask;
import dev.baton.task.TaskStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * A message of several tasks is claimed in one call (claim_many.lua), each task decided exactly as if claimed
 * alone: its epoch fences, its queue's limits hold, a declared-failed worker gets none.
 */
class RedisClaimsTest extends RedisStoreTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(1);

  private NewTask created(String queue) {
    NewTask t = aTask().queue(queue).build();
    tasks.create(List.of(t), TIMEOUT);
    return t;
  }

  private DispatchOrder order(NewTask t) {
    var r = tasks.find(t.id()).orElseThrow();
    return new DispatchOrder(t.id(), r.epoch(), r.type(), r.priority(), null, 0, r.queue());
  }

  @Test
  void eachTaskOfAMessageIsClaimedOnItsOwnInOneCall() {
    NewTask a = created("default");
    NewTask b = created("default");
    NewTask c = created("default");
    DispatchOrder staleB = new DispatchOrder(b.id(), 7, "noop", 5, null, 0);
    DispatchOrder missing = new DispatchOrder("no-such-task", 0, "noop", 5, null, 0);
    resetStats();

    List<ClaimResult> results = new RedisClaims(redis).claim("w1", List.of(order(a), staleB, missing, order(c)));

    assertEquals(List.of(Outcome.CLAIMED, Outcome.STALE, Outcome.MISSING, Outcome.CLAIMED), results.stream().map(ClaimResult::outcome).toList());
    assertEquals(a.id(), results.get(0).claim().taskId());
    assertEquals(c.id(), results.get(3).claim().taskId());
    assertEquals(TaskStatus.RUNNING, tasks.find(a.id()).orElseThrow().status());
    assertEquals(TaskStatus.CREATED, tasks.find(b.id()).orElseThrow().status(), "a stale order does not touch its task");
    assertEquals(1L, calls().getOrDefault("fcall", 0L), "one call for the whole message: " + calls());

    // the same message again (a redelivery after the worker died before acknowledging): nothing runs twice
    List<ClaimResult> again = new RedisClaims(redis).claim("w2", List.of(order(b), new DispatchOrder(a.id(), 0, "noop", 5, null, 0)));
    assertEquals(List.of(Outcome.CLAIMED, Outcome.STALE), again.stream().map(ClaimResult::outcome).toList());
    assertEquals("w1", tasks.find(a.id()).orElseThrow().workerId());
  }

  @Test
  void aQueuesConcurrencyLimitHoldsWithinOneMessage() {
    new RedisQueues(redis).change("gpu", null, 2, null, "test", Duration.ofSeconds(30));
    List<NewTask> four = List.of(created("gpu"), created("gpu"), created("gpu"), created("gpu"));

    List<ClaimResult> results = new RedisClaims(redis).claim("w1", four.stream().map(this::order).toList());

    assertEquals(List.of(Outcome.CLAIMED, Outcome.CLAIMED, Outcome.PARKED, Outcome.PARKED), results.stream().map(ClaimResult::outcome).toList());
  }

  @Test
  void aWorkerDeclaredFailedClaimsNothing() {
    NewTask a = created("default");
    NewTask b = created("default");
    workers.heartbeat(
        new Heartbeat("w9", "i1", WorkerStatus.UP, 1.0, 4, 0, "h", 1, "u", List.of("noop"), List.of()), Duration.ofSeconds(10), 3);
    workers.declareFailed("w9", "test", 3, false, null);

    List<ClaimResult> results = new RedisClaims(redis).claim("w9", List.of(order(a), order(b)));

    assertTrue(results.stream().allMatch(r -> r.outcome() == Outcome.WORKER_FAILED), results.toString());
    assertEquals(TaskStatus.CREATED, tasks.find(a.id()).orElseThrow().status());
  }

  private void resetStats() {
    try (Jedis admin = new Jedis("127.0.0.1", server.port())) {
      admin.configResetStat();
    }
  }

  private Map<String, Long> calls() {
    try (Jedis admin = new Jedis("127.0.0.1", server.port())) {
      Map<String, Long> calls = new java.util.HashMap<>();
      for (String line : admin.info("commandstats").split("\r?\n")) {
        if (line.startsWith("cmdstat_")) {
          String n = line.substring(line.indexOf(":calls=") + 7, line.indexOf(',', line.indexOf(":calls=")));
          calls.put(line.substring(8, line.indexOf(':')), Long.parseLong(n));
        }
      }
      return calls;
    }
  }
}
