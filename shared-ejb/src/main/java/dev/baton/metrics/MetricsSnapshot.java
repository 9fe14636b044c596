package dev.baton.metrics;

import java.util.List;
import java.util.Map;

/**
 * Everything the cluster counts for Prometheus, as read from Redis in one round trip (so every manager
 * reports the same values, and they survive restarts).
 *
 * @param tasks tasks stored now, by queue, then by status
 * @param counts events by what happened (submitted, completed, failed, retried, dead), queue and type
 * @param totals cluster-wide totals (recoveries, migrations, fenced, ...)
 * @param histograms latency histograms by {@code <name>:<label>} (e.g. {@code run:noop}, {@code recovery:})
 * @param workers every registered worker
 * @param dispatchPending tasks accepted and due to be sent to the broker
 */
public record MetricsSnapshot(
    Map<String, Map<String, Long>> tasks,
    Map<TaskCount, Long> counts,
    Map<String, Long> totals,
    Map<String, Histogram> histograms,
    List<WorkerSlots> workers,
    long dispatchPending) {

  public record TaskCount(String what, String queue, String type) {}

  /**
   * @param buckets observations per bucket (not cumulative), index i for {@link LatencyBuckets#BOUNDS_MS}[i],
   *     the last for the rest
   */
  public record Histogram(long[] buckets, long sumMs, long count) {}

  public record WorkerSlots(String worker, String status, int slots, int running) {}
}
