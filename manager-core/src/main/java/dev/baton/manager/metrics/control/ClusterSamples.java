package dev.baton.manager.metrics.control;

import dev.baton.cluster.WorkerStatus;
import dev.baton.metrics.LatencyBuckets;
import dev.baton.metrics.MetricsSnapshot;
import dev.baton.metrics.MetricsSnapshot.Histogram;
import dev.baton.metrics.MetricsSnapshot.TaskCount;
import dev.baton.metrics.MetricsSnapshot.WorkerSlots;
import dev.baton.task.TaskStatus;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Baton's cluster-wide metrics in Prometheus' names and labels, from what Redis counts. Counters and
 * histograms are exported as gauges holding the cluster's running totals (MicroProfile Metrics has no
 * counter whose value comes from elsewhere); Prometheus' {@code rate()} and {@code histogram_quantile()}
 * work on them as on any counter, because the totals only grow.
 */
public final class ClusterSamples {

  /** One value of one series. */
  public record Sample(String name, String help, Map<String, String> labels, double value) {}

  /** What the five task counters count (their names are baton_tasks_{what}_total). */
  static final Map<String, String> TASK_COUNTERS = new LinkedHashMap<>();

  static {
    TASK_COUNTERS.put("submitted", "Tasks accepted, by queue and type");
    TASK_COUNTERS.put("completed", "Tasks completed, by queue and type");
    TASK_COUNTERS.put("failed", "Tasks that ended FAILED or DEAD, by queue and type");
    TASK_COUNTERS.put("retried", "Failed attempts that were retried, by queue and type");
    TASK_COUNTERS.put("dead", "Tasks that went DEAD (their workers died too often while running them), by queue and type");
  }

  private ClusterSamples() {}

  public static List<Sample> of(MetricsSnapshot s) {
    List<Sample> out = new ArrayList<>();
    s.tasks()
        .forEach(
            (queue, byStatus) -> {
              for (TaskStatus status : TaskStatus.values()) {
                out.add(
                    new Sample(
                        "baton_tasks",
                        "Tasks stored now, by queue and status",
                        labels("queue", queue, "status", status.name()),
                        byStatus.getOrDefault(status.name(), 0L)));
              }
            });
    Set<List<String>> queueTypes = new LinkedHashSet<>();
    s.counts().keySet().forEach(c -> queueTypes.add(List.of(c.queue(), c.type())));
    for (List<String> qt : queueTypes) {
      TASK_COUNTERS.forEach(
          (what, help) ->
              out.add(
                  new Sample(
                      "baton_tasks_" + what + "_total",
                      help,
                      labels("queue", qt.get(0), "type", qt.get(1)),
                      s.counts().getOrDefault(new TaskCount(what, qt.get(0), qt.get(1)), 0L))));
    }
    Map<String, Histogram> hist = s.histograms();
    hist.forEach(
        (key, h) -> {
          String[] nl = key.split(":", 2);
          switch (nl[0]) {
            case "wait" -> histogram(out, "baton_task_wait_seconds", "Time from submit to first start, by type", labels("type", nl[1]), h);
            case "run" -> histogram(out, "baton_task_run_seconds", "Time from first start to completion, by type", labels("type", nl[1]), h);
            default -> {}
          }
        });
    histogram(
        out,
        "baton_recovery_seconds",
        "Time from losing a worker (its connection closed, else its last heartbeat) to its task running on another",
        Map.of(),
        hist.getOrDefault("recovery:", new Histogram(new long[LatencyBuckets.BOUNDS_MS.length + 1], 0, 0)));
    out.add(total(s, "baton_recoveries_total", "recoveries", "Tasks taken from a lost worker to run elsewhere"));
    out.add(total(s, "baton_migrations_total", "migrations", "Migrations started (by hand, by the balancer, by a queue stop)"));
    out.add(total(s, "baton_fenced_writes_total", "fenced", "Writes refused because a worker's epoch was stale (a zombie fenced off)"));
    Map<String, Long> byStatus = new TreeMap<>();
    for (WorkerStatus ws : WorkerStatus.values()) {
      byStatus.put(ws.name(), 0L);
    }
    for (WorkerSlots w : s.workers()) {
      byStatus.merge(w.status(), 1L, Long::sum);
      boolean alive = w.status().equals(WorkerStatus.UP.name()) || w.status().equals(WorkerStatus.OVERLOADED.name());
      int busy = alive ? Math.min(w.running(), w.slots()) : 0;
      int free = alive ? Math.max(0, w.slots() - w.running()) : 0;
      String help = "Task slots of each worker, busy or free (0 for a worker that is gone)";
      out.add(new Sample("baton_worker_slots", help, labels("worker", w.worker(), "state", "busy"), busy));
      out.add(new Sample("baton_worker_slots", help, labels("worker", w.worker(), "state", "free"), free));
    }
    byStatus.forEach((status, n) -> out.add(new Sample("baton_workers", "Registered workers by status", labels("status", status), n)));
    out.add(new Sample("baton_dispatch_pending", "Tasks accepted and due to be sent to the broker", Map.of(), s.dispatchPending()));
    return out;
  }

  /** Prometheus' histogram shape: cumulative buckets with le in seconds, then _sum (seconds) and _count. */
  private static void histogram(List<Sample> out, String name, String help, Map<String, String> labels, Histogram h) {
    long cumulative = 0;
    for (int i = 0; i < h.buckets().length; i++) {
      cumulative += h.buckets()[i];
      String le = i < LatencyBuckets.BOUNDS_MS.length ? seconds(LatencyBuckets.BOUNDS_MS[i]) : "+Inf";
      Map<String, String> withLe = new TreeMap<>(labels);
      withLe.put("le", le);
      out.add(new Sample(name + "_bucket", help, withLe, cumulative));
    }
    out.add(new Sample(name + "_sum", help, labels, h.sumMs() / 1000.0));
    out.add(new Sample(name + "_count", help, labels, h.count()));
  }

  private static Sample total(MetricsSnapshot s, String name, String field, String help) {
    return new Sample(name, help, Map.of(), s.totals().getOrDefault(field, 0L));
  }

  /** 2500 -> "2.5", 1000 -> "1", 5 -> "0.005": how Prometheus clients spell le. */
  static String seconds(long ms) {
    return BigDecimal.valueOf(ms, 3).stripTrailingZeros().toPlainString();
  }

  private static Map<String, String> labels(String... kv) {
    Map<String, String> m = new TreeMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }
}
