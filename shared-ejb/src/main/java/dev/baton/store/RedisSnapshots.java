package dev.baton.store;

import dev.baton.cluster.ClusterSnapshot;
import dev.baton.cluster.WorkerRecord;
import dev.baton.store.LuaScripts.Script;
import dev.baton.task.TaskStatus;
import dev.baton.task.TaskSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Pictures of the whole cluster, each read in one script (one round trip, one consistent instant). */
public class RedisSnapshots {
  private final Redis redis;

  public RedisSnapshots(Redis redis) {
    this.redis = redis;
  }

  /**
   * @param waitingShown how many of the oldest waiting tasks to include
   * @param seconds how many full seconds of completion and failure counts to include
   */
  public ClusterSnapshot take(int waitingShown, int seconds) {
    List<?> r = (List<?>) redis.evalReadOnly(Script.SNAPSHOT, List.of(Integer.toString(waitingShown), Integer.toString(seconds)));
    Instant at = Instant.ofEpochMilli(((Number) r.get(0)).longValue());
    List<WorkerRecord> workers = new ArrayList<>();
    for (Object o : (List<?>) r.get(1)) {
      List<?> w = (List<?>) o;
      Map<String, String> hash = flatToMap((List<?>) w.get(0));
      List<String> owned = ((List<?>) w.get(1)).stream().map(String::valueOf).toList();
      if (hash.containsKey("id")) {
        workers.add(RedisWorkerRegistry.toRecord(hash.get("id"), hash, owned));
      }
    }
    workers.sort((a, b) -> a.id().compareTo(b.id()));
    List<TaskSummary> tasks = summaries((List<?>) r.get(2));
    List<?> waiting = (List<?>) r.get(3);
    Map<TaskStatus, Long> counts = new EnumMap<>(TaskStatus.class);
    List<?> c = (List<?>) r.get(4);
    for (int i = 0; i + 1 < c.size(); i += 2) {
      counts.put(TaskStatus.valueOf(String.valueOf(c.get(i))), ((Number) c.get(i + 1)).longValue());
    }
    Map<String, Long> totals = new HashMap<>();
    flatToMap((List<?>) r.get(5)).forEach((k, v) -> totals.put(k, Long.parseLong(v)));
    return new ClusterSnapshot(
        at,
        workers,
        tasks,
        ((Number) waiting.get(0)).longValue(),
        summaries((List<?>) waiting.get(1)),
        counts,
        totals,
        numbers((List<?>) r.get(6)),
        numbers((List<?>) r.get(7)));
  }

  private static List<TaskSummary> summaries(List<?> rows) {
    List<TaskSummary> out = new ArrayList<>(rows.size());
    for (Object o : rows) {
      List<?> f = (List<?>) o;
      if (f.get(0) == null || f.get(1) == null) {
        continue; // gone meanwhile (deleted); not in the picture
      }
      out.add(
          new TaskSummary(
              s(f, 0),
              TaskStatus.valueOf(s(f, 1)),
              s(f, 2),
              i(f, 3),
              i(f, 4),
              s(f, 5),
              s(f, 6),
              i(f, 7),
              i(f, 8),
              i(f, 9),
              f.get(10) == null ? null : i(f, 10),
              t(f, 11),
              RedisTaskStore.emptyToNull(s(f, 12)), // '' for a task its stopped queue called back: no target
              t(f, 13),
              t(f, 14),
              t(f, 15),
              t(f, 16)));
    }
    return out;
  }

  private static String s(List<?> f, int i) {
    Object o = f.get(i);
    if (o == null) {
      return null;
    }
    String v = o instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : o.toString();
    return v.isEmpty() ? null : v;
  }

  private static int i(List<?> f, int i) {
    String v = s(f, i);
    return v == null ? 0 : (int) Double.parseDouble(v);
  }

  private static Instant t(List<?> f, int i) {
    String v = s(f, i);
    return v == null ? null : Instant.ofEpochMilli(Long.parseLong(v));
  }

  private static List<Long> numbers(List<?> l) {
    return l.stream().map(n -> ((Number) n).longValue()).toList();
  }

  private static Map<String, String> flatToMap(List<?> flat) {
    Map<String, String> map = new HashMap<>();
    for (int k = 0; k + 1 < flat.size(); k += 2) {
      map.put(String.valueOf(flat.get(k)), String.valueOf(flat.get(k + 1)));
    }
    return map;
  }
}
