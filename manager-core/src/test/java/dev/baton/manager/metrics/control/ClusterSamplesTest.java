package dev.baton.manager.metrics.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.baton.manager.metrics.control.ClusterSamples.Sample;
import dev.baton.metrics.LatencyBuckets;
import dev.baton.metrics.MetricsSnapshot;
import dev.baton.metrics.MetricsSnapshot.Histogram;
import dev.baton.metrics.MetricsSnapshot.TaskCount;
import dev.baton.metrics.MetricsSnapshot.WorkerSlots;
import dev.baton.task.TaskStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterSamplesTest {
  private static final int BUCKETS = LatencyBuckets.BOUNDS_MS.length + 1;

  private static MetricsSnapshot snapshot() {
    long[] run = new long[BUCKETS];
    run[0] = 2; // <= 5 ms
    run[7] = 1; // <= 1 s
    run[BUCKETS - 1] = 1; // beyond the last bound
    return new MetricsSnapshot(
        Map.of("mail", Map.of("RUNNING", 2L, "COMPLETED", 7L)),
        Map.of(new TaskCount("completed", "mail", "noop"), 7L, new TaskCount("submitted", "mail", "noop"), 9L),
        Map.of("recoveries", 3L, "fenced", 1L),
        Map.of("run:noop", new Histogram(run, 7_250_000, 4)),
        List.of(new WorkerSlots("worker-1", "UP", 4, 2), new WorkerSlots("worker-2", "FAILED", 4, 1)),
        5);
  }

  private static double value(List<Sample> samples, String name, Map<String, String> labels) {
    return samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(labels)).findFirst().orElseThrow(
        () -> new AssertionError(name + labels + " missing")).value();
  }

  @Test
  void everyStatusOfEveryQueueIsASeriesAndCountersComeWithAllFiveNames() {
    List<Sample> s = ClusterSamples.of(snapshot());
    assertEquals(TaskStatus.values().length, s.stream().filter(x -> x.name().equals("baton_tasks")).count());
    assertEquals(2, value(s, "baton_tasks", Map.of("queue", "mail", "status", "RUNNING")));
    assertEquals(0, value(s, "baton_tasks", Map.of("queue", "mail", "status", "DEAD")));
    assertEquals(7, value(s, "baton_tasks_completed_total", Map.of("queue", "mail", "type", "noop")));
    assertEquals(0, value(s, "baton_tasks_dead_total", Map.of("queue", "mail", "type", "noop")), "zero, but there for rate()");
    assertEquals(3, value(s, "baton_recoveries_total", Map.of()));
    assertEquals(0, value(s, "baton_migrations_total", Map.of()));
    assertEquals(5, value(s, "baton_dispatch_pending", Map.of()));
  }

  @Test
  void histogramsAreCumulativeWithLeInSeconds() {
    List<Sample> s = ClusterSamples.of(snapshot());
    assertEquals(2, value(s, "baton_task_run_seconds_bucket", Map.of("type", "noop", "le", "0.005")));
    assertEquals(2, value(s, "baton_task_run_seconds_bucket", Map.of("type", "noop", "le", "0.5")));
    assertEquals(3, value(s, "baton_task_run_seconds_bucket", Map.of("type", "noop", "le", "1")));
    assertEquals(3, value(s, "baton_task_run_seconds_bucket", Map.of("type", "noop", "le", "3600")));
    assertEquals(4, value(s, "baton_task_run_seconds_bucket", Map.of("type", "noop", "le", "+Inf")));
    assertEquals(7_250, value(s, "baton_task_run_seconds_sum", Map.of("type", "noop")));
    assertEquals(4, value(s, "baton_task_run_seconds_count", Map.of("type", "noop")));
    assertEquals(0, value(s, "baton_recovery_seconds_count", Map.of()), "always there, empty until a recovery");
    assertEquals("2.5", ClusterSamples.seconds(2_500));
  }

  @Test
  void workersAreCountedByStatusAndOnlyLiveOnesHaveSlots() {
    List<Sample> s = ClusterSamples.of(snapshot());
    assertEquals(1, value(s, "baton_workers", Map.of("status", "UP")));
    assertEquals(1, value(s, "baton_workers", Map.of("status", "FAILED")));
    assertEquals(0, value(s, "baton_workers", Map.of("status", "DOWN")));
    assertEquals(2, value(s, "baton_worker_slots", Map.of("worker", "worker-1", "state", "busy")));
    assertEquals(2, value(s, "baton_worker_slots", Map.of("worker", "worker-1", "state", "free")));
    assertEquals(0, value(s, "baton_worker_slots", Map.of("worker", "worker-2", "state", "free")));
  }
}
