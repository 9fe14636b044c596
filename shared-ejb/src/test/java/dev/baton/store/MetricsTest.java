package dev.baton.store;

import static dev.baton.testing.Tasks.aTask;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.cluster.Heartbeat;
import dev.baton.cluster.WorkerStatus;
import dev.baton.metrics.LatencyBuckets;
import dev.baton.metrics.MetricsSnapshot;
import dev.baton.metrics.MetricsSnapshot.Histogram;
import dev.baton.metrics.MetricsSnapshot.TaskCount;
import dev.baton.metrics.MetricsSnapshot.WorkerSlots;
import dev.baton.task.Claim;
import dev.baton.task.NewTask;
import dev.baton.task.RetryPolicy;
import dev.baton.task.TaskStatus;
import dev.baton.task.WriteResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the scripts count for Prometheus, on a real Redis: per queue and type, latencies, recoveries, fencing. */
class MetricsTest extends RedisStoreTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(1);

  private MetricsSnapshot read() {
    return new RedisMetrics(redis).read();
  }

  private Claim running(NewTask t, String worker) {
    tasks.create(List.of(t), TIMEOUT);
    return tasks.claim(t.id(), worker, tasks.find(t.id()).orElseThrow().epoch()).claim();
  }

  private void beat(String worker) {
    workers.heartbeat(
        new Heartbeat(worker, "i1", WorkerStatus.UP, 1.0, 4, 1, "h", 1, "u", List.of("computation"), List.of()), Duration.ofSeconds(30), 3);
  }

  @Test
  void tasksAreCountedByQueueAndTypeWithTheirWaitAndRunTimes() {
    Claim a = running(aTask().queue("mail").type("noop").build(), "w1");
    tasks.finish(a.taskId(), a.epoch(), TaskStatus.COMPLETED, "1", "w1");
    Claim b = running(aTask().retry(new RetryPolicy(1, RetryPolicy.Backoff.FIXED, 0, 0)).build(), "w1");
    tasks.failAttempt(b.taskId(), b.epoch(), "boom", "w1", Duration.ZERO, false); // retried
    tasks.create(List.of(aTask().build()), TIMEOUT);

    MetricsSnapshot m = read();
    assertEquals(1L, m.counts().get(new TaskCount("submitted", "mail", "noop")));
    assertEquals(1L, m.counts().get(new TaskCount("completed", "mail", "noop")));
    assertEquals(2L, m.counts().get(new TaskCount("submitted", "default", "computation")));
    assertEquals(1L, m.counts().get(new TaskCount("retried", "default", "computation")));
    assertEquals(null, m.counts().get(new TaskCount("failed", "default", "computation")));
    assertEquals(Map.of("COMPLETED", 1L), nonZero(m.tasks().get("mail")));
    assertEquals(Map.of("CREATED", 1L, "RETRYING", 1L), nonZero(m.tasks().get("default")));

    Histogram run = m.histograms().get("run:noop");
    assertEquals(1, run.count());
    assertEquals(1, Arrays.stream(run.buckets()).sum());
    assertEquals(LatencyBuckets.BOUNDS_MS.length + 1, run.buckets().length);
    assertEquals(1, m.histograms().get("wait:computation").count(), "the one that started (the other waits)");
    assertEquals(1, m.histograms().get("wait:noop").count());
  }

  @Test
  void failuresRecoveriesMigrationsAndFencedWritesAreCounted() {
    beat("w1");
    Claim c = running(aTask().build(), "w1");
    long lostAt = System.currentTimeMillis();
    var out = workers.declareFailed("w1", "killed", 3, false, Instant.ofEpochMilli(lostAt));
    assertTrue(out.declared());
    assertEquals(WriteResult.Outcome.FENCED, tasks.finish(c.taskId(), c.epoch(), TaskStatus.COMPLETED, "1", "w1").outcome());
    Claim again = tasks.claim(c.taskId(), "w2", c.epoch() + 1).claim();
    tasks.finish(again.taskId(), again.epoch(), TaskStatus.FAILED, "no", "w2");

    MetricsSnapshot m = read();
    assertEquals(1L, m.totals().get("recoveries"));
    assertEquals(1L, m.totals().get("fenced"));
    assertEquals(1L, m.counts().get(new TaskCount("failed", "default", "computation")));
    Histogram recovery = m.histograms().get("recovery:");
    assertEquals(1, recovery.count(), "observed when another worker claimed it");
    assertTrue(recovery.sumMs() >= 0 && recovery.sumMs() < 5_000, "from the moment the worker was lost: " + recovery.sumMs());
    assertTrue(m.workers().contains(new WorkerSlots("w1", "FAILED", 4, 1)), m.workers().toString());
  }

  private static Map<String, Long> nonZero(Map<String, Long> counts) {
    return counts.entrySet().stream().filter(e -> e.getValue() != 0).collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }
}
