package dev.baton.console.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.cluster.ClusterSnapshot;
import dev.baton.event.BatonEvent;
import dev.baton.task.TaskStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A point a second: exact counts from Redis, load sampled, latency percentiles from the events. */
class ChartSeriesTest {
  private final ChartSeries cut = new ChartSeries();

  private static BatonEvent outcome(String type, long atMs, long createdMs, String attempt) {
    return new BatonEvent("1-0", type, Instant.ofEpochMilli(atMs), "t", "w", Map.of("created_at", Long.toString(createdMs), "attempt", attempt));
  }

  @Test
  void latenciesArePercentilesOverTheLastTenSeconds() {
    long t = 1_000_000L;
    for (int i = 1; i <= 100; i++) {
      cut.record(outcome("task.completed", t * 1000 + i, t * 1000 + i - i * 10L, "1")); // 10, 20, ... 1000 ms
    }
    ChartSeries.Point p = cut.latest(t, 1).get(0);

    assertTrue(p.finishP50() >= 500 && p.finishP50() <= 500 * 1.25, "p50 of 10..1000 ms within a bucket: " + p.finishP50());
    assertTrue(p.finishP95() >= 950 && p.finishP95() <= 950 * 1.25, "p95: " + p.finishP95());
    assertNull(p.startP50(), "nothing started");

    ChartSeries.Point later = cut.latest(t + 15, 1).stream().findFirst().orElse(null);
    assertNull(later, "no data in that second");
  }

  @Test
  void onlyAFirstStartIsATasksWaitInTheQueue() {
    cut.record(outcome("task.started", 5_000_000, 4_999_000, "1"));
    cut.record(outcome("task.started", 5_000_100, 4_000_000, "2")); // started again after a failure

    ChartSeries.Point p = cut.latest(5_000, 1).get(0);
    assertTrue(p.startP95() <= 1_250, "the second start is not counted: " + p.startP95());
  }

  @Test
  void picturesFillInExactCountsAndTheCurrentLoad() {
    ClusterSnapshot s =
        new ClusterSnapshot(
            Instant.ofEpochSecond(2_000), List.of(), List.of(), 3, List.of(),
            Map.of(TaskStatus.CREATED, 3L, TaskStatus.RECOVERING, 1L, TaskStatus.RUNNING, 7L), Map.of(), List.of(50L, 40L, 30L),
            List.of(1L, 0L, 2L));
    cut.sample(s);

    List<ChartSeries.Point> points = cut.window(2_000);
    assertEquals(List.of(1_997L, 1_998L, 1_999L, 2_000L), points.stream().map(ChartSeries.Point::t).toList());
    assertEquals(List.of(30L, 40L, 50L), points.subList(0, 3).stream().map(ChartSeries.Point::completed).toList());
    assertEquals(List.of(2L, 0L, 1L), points.subList(0, 3).stream().map(ChartSeries.Point::failed).toList());
    ChartSeries.Point now = points.get(3);
    assertEquals(4L, now.waiting());
    assertEquals(7L, now.running());
  }

  @Test
  void theHistogramsBucketsAreWithinAQuarter() {
    for (long ms : new long[] {1, 7, 100, 1_234, 60_000, 3_600_000}) {
      long upper = LatencyHistogram.upperBound(LatencyHistogram.bucket(ms));
      assertTrue(upper >= ms && upper <= Math.max(2, ms * 1.25) + 1, ms + " -> " + upper);
    }
  }
}
