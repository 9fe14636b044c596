package dev.baton.store;

import dev.baton.metrics.LatencyBuckets;
import dev.baton.metrics.MetricsSnapshot;
import dev.baton.metrics.MetricsSnapshot.Histogram;
import dev.baton.metrics.MetricsSnapshot.TaskCount;
import dev.baton.metrics.MetricsSnapshot.WorkerSlots;
import dev.baton.store.LuaScripts.Script;
import dev.baton.task.TaskStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads what the scripts count for Prometheus (see metrics.lua and observe/count_task in lib.lua). */
public class RedisMetrics {
  private final Redis redis;

  public RedisMetrics(Redis redis) {
    this.redis = redis;
  }

  public MetricsSnapshot read() {
    List<?> r = (List<?>) redis.eval(Script.METRICS, List.of());
    Map<String, Map<String, Long>> tasks = new TreeMap<>();
    for (Object o : (List<?>) r.get(0)) {
      List<?> row = (List<?>) o;
      Map<String, Long> byStatus = new TreeMap<>();
      Map<String, String> counts = RedisQueues.pairs((List<?>) row.get(1)); // also holds sums (completed, wait_ms, ...)
      for (TaskStatus status : TaskStatus.values()) {
        byStatus.put(status.name(), Long.parseLong(counts.getOrDefault(status.name(), "0")));
      }
      tasks.put(RedisTaskStore.str(row, 0), byStatus);
    }
    Map<TaskCount, Long> counts = new LinkedHashMap<>();
    RedisQueues.pairs((List<?>) r.get(1))
        .forEach(
            (k, v) -> {
              String[] p = k.split("\t", 3);
              if (p.length == 3) {
                counts.put(new TaskCount(p[0], p[1], p[2]), Long.parseLong(v));
              }
            });
    Map<String, Long> totals = new TreeMap<>();
    RedisQueues.pairs((List<?>) r.get(2)).forEach((k, v) -> totals.put(k, Long.parseLong(v)));
    Map<String, Histogram> histograms = new TreeMap<>();
    for (Object o : (List<?>) r.get(3)) {
      List<?> row = (List<?>) o;
      histograms.put(RedisTaskStore.str(row, 0), histogram(RedisQueues.pairs((List<?>) row.get(1))));
    }
    List<WorkerSlots> workers = new ArrayList<>();
    for (Object o : (List<?>) r.get(4)) {
      List<?> row = (List<?>) o;
      workers.add(
          new WorkerSlots(
              RedisTaskStore.str(row, 0),
              RedisTaskStore.str(row, 1),
              Integer.parseInt(RedisTaskStore.str(row, 2)),
              Integer.parseInt(RedisTaskStore.str(row, 3))));
    }
    return new MetricsSnapshot(tasks, counts, totals, histograms, workers, ((Number) r.get(5)).longValue());
  }

  private static Histogram histogram(Map<String, String> fields) {
    long[] buckets = new long[LatencyBuckets.BOUNDS_MS.length + 1];
    for (int i = 0; i < buckets.length; i++) {
      buckets[i] = Long.parseLong(fields.getOrDefault(Integer.toString(i + 1), "0"));
    }
    return new Histogram(
        buckets, Long.parseLong(fields.getOrDefault("sum_ms", "0")), Long.parseLong(fields.getOrDefault("count", "0")));
  }
}
