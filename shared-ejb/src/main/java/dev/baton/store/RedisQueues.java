package dev.baton.store;

import dev.baton.queue.QueueChange;
import dev.baton.queue.QueueLimits;
import dev.baton.queue.QueueRecord;
import dev.baton.queue.QueueState;
import dev.baton.store.LuaScripts.Script;
import dev.baton.task.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.params.ZAddParams;

/**
 * Named queues in Redis: their state and limits (read by the claim, which decides whether a task may start,
 * see claim.lua), their counts by status (kept by every status change) and the tasks they hold back.
 */
public class RedisQueues {
  private final Redis redis;

  public RedisQueues(Redis redis) {
    this.redis = redis;
  }

  /**
   * Changes a queue's state and/or limits (null: unchanged). A stop asks its running tasks to hand back at
   * their next step boundary: tell their workers (the answer lists them); they also learn it at their next
   * progress write.
   *
   * @param concurrency a new limit, 0 to remove it, null to keep it
   * @param rate a new rate limit ({@code rateMax} per {@code ratePer}), {@link QueueLimits#NONE} to remove it,
   *     null to keep it
   * @param handBack how long a stopped task's worker has to hand it back before the manager forces it
   */
  public QueueChange change(String queue, QueueState state, Integer concurrency, QueueLimits rate, String actor, Duration handBack) {
    List<?> r =
        (List<?>)
            redis.eval(
                Script.QUEUE_SET,
                List.of(
                    queue,
                    state == null ? "" : state.wireName(),
                    concurrency == null ? "" : concurrency == 0 ? "-" : concurrency.toString(),
                    rate == null ? "" : rate.rateMax() == null ? "-" : rate.rateMax().toString(),
                    rate == null || rate.ratePer() == null ? "" : Long.toString(rate.ratePer().toMillis()),
                    actor,
                    Long.toString(handBack.toMillis())));
    List<QueueChange.Stopping> stopping = new ArrayList<>();
    for (Object o : (List<?>) r.get(1)) {
      List<?> f = (List<?>) o;
      stopping.add(new QueueChange.Stopping(RedisTaskStore.str(f, 0), Long.parseLong(RedisTaskStore.str(f, 1)), RedisTaskStore.str(f, 2)));
    }
    return new QueueChange(QueueState.of(RedisTaskStore.str(r, 0)), stopping);
  }

  /** Gives the queue to {@code owner} (a user name), or to nobody (null): then only admins control it. */
  public void setOwner(String queue, String owner, String actor) {
    RedisKeys k = redis.keys();
    redis.call(
        c -> {
          if (owner == null) {
            c.hdel(k.queue(queue), "owner");
          } else {
            c.hset(k.queue(queue), "owner", owner);
          }
          c.hset(k.queue(queue), Map.of("changed_at", Long.toString(System.currentTimeMillis()), "changed_by", actor));
          return c.zadd(k.queues(), System.currentTimeMillis(), queue, ZAddParams.zAddParams().nx());
        });
  }

  /** Every queue ever used or configured, by when first seen. */
  public List<QueueRecord> all(Duration window) {
    return stats(window, "");
  }

  public Optional<QueueRecord> find(String queue, Duration window) {
    List<QueueRecord> one = stats(window, queue);
    QueueRecord q = one.get(0);
    boolean known = q.changedAt() != null || q.counts().values().stream().anyMatch(n -> n != 0) || q.completed() > 0;
    return known ? Optional.of(q) : Optional.empty();
  }

  /** Counts the tasks made before queues existed in the default queue, once (see index_queues.lua). */
  public boolean countExistingTasks() {
    List<String> args = Arrays.stream(TaskStatus.values()).map(Enum::name).toList();
    return ((Number) redis.eval(Script.INDEX_QUEUES, args)).intValue() == 1;
  }

  private List<QueueRecord> stats(Duration window, String queue) {
    List<QueueRecord> out = new ArrayList<>();
    for (Object o : (List<?>) redis.eval(Script.QUEUE_STATS, List.of(Long.toString(window.toSeconds()), queue))) {
      List<?> row = (List<?>) o;
      Map<String, String> settings = pairs((List<?>) row.get(1));
      Map<String, String> numbers = pairs((List<?>) row.get(2));
      Map<String, Long> counts = new LinkedHashMap<>();
      for (TaskStatus s : TaskStatus.values()) {
        long n = Long.parseLong(numbers.getOrDefault(s.name(), "0"));
        if (n != 0) {
          counts.put(s.name(), n);
        }
      }
      String per = settings.get("rate_per_ms");
      out.add(
          new QueueRecord(
              RedisTaskStore.str(row, 0),
              QueueState.of(settings.get("state")),
              new QueueLimits(
                  integer(settings.get("concurrency")),
                  integer(settings.get("rate_max")),
                  per == null ? null : Duration.ofMillis(Long.parseLong(per))),
              counts,
              ((Number) row.get(3)).longValue(),
              ((Number) row.get(4)).longValue(),
              Long.parseLong(numbers.getOrDefault("completed", "0")),
              Long.parseLong(numbers.getOrDefault("wait_ms", "0")),
              Long.parseLong(numbers.getOrDefault("run_ms", "0")),
              settings.containsKey("changed_at") ? Instant.ofEpochMilli(Long.parseLong(settings.get("changed_at"))) : null,
              settings.get("changed_by"),
              settings.get("owner")));
    }
    return out;
  }

  private static Integer integer(String v) {
    return v == null || v.isEmpty() ? null : Integer.valueOf(v);
  }

  static Map<String, String> pairs(List<?> flat) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i + 1 < flat.size(); i += 2) {
      m.put(String.valueOf(flat.get(i)), String.valueOf(flat.get(i + 1)));
    }
    return m;
  }
}
