package dev.baton.store;

import dev.baton.event.BatonEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * The system event log: a Redis stream capped at a configured length. The state-changing scripts append
 * to it in the same atomic step as the change, so the log never disagrees with the state.
 */
public class RedisEventLog {
  private final Redis redis;
  private final RedisKeys keys;

  public RedisEventLog(Redis redis) {
    this.redis = redis;
    this.keys = redis.keys();
  }

  /** Newest first; {@code beforeId} (exclusive) pages back, null starts at the newest. */
  public List<BatonEvent> newestFirst(String beforeId, int limit) {
    String end = beforeId == null ? "+" : "(" + beforeId;
    return toEvents(redis.read(c -> c.xrevrange(keys.events(), end, "-", limit)));
  }

  /** Oldest first, strictly after {@code afterId}. */
  public List<BatonEvent> after(String afterId, int limit) {
    return toEvents(redis.read(c -> c.xrange(keys.events(), "(" + afterId, "+", limit)));
  }

  /**
   * Waits up to {@code block} for entries after {@code afterId} ({@code $} for only new ones).
   *
   * @return the entries, oldest first; empty if none arrived in time
   */
  public List<BatonEvent> tail(String afterId, Duration block, int count) {
    StreamEntryID from = "$".equals(afterId) ? StreamEntryID.XREAD_NEW_ENTRY : new StreamEntryID(afterId);
    var reply =
        redis.call(c -> c.xread(XReadParams.xReadParams().block((int) block.toMillis()).count(count), Map.of(keys.events(), from)));
    if (reply == null || reply.isEmpty()) {
      return List.of();
    }
    return toEvents(reply.get(0).getValue());
  }

  /**
   * Appends an event that is not a state change (those are logged by the scripts themselves), e.g. a
   * simulated failure requested through the API.
   */
  public void append(String type, String workerId, Map<String, String> fields) {
    Map<String, String> entry = new java.util.LinkedHashMap<>();
    entry.put("type", type);
    if (workerId != null) {
      entry.put("worker_id", workerId);
    }
    entry.putAll(fields);
    entry.put("at", Long.toString(System.currentTimeMillis()));
    redis.call(
        c -> c.xadd(keys.events(), XAddParams.xAddParams().maxLen(redis.eventsMaxLength()).approximateTrimming(), entry));
  }

  /** The id of the newest entry, or {@code 0-0} if the log is empty. */
  public String lastId() {
    List<StreamEntry> last = redis.read(c -> c.xrevrange(keys.events(), "+", "-", 1));
    return last.isEmpty() ? "0-0" : last.get(0).getID().toString();
  }

  public long length() {
    return redis.read(c -> c.xlen(keys.events()));
  }

  static List<BatonEvent> toEvents(List<StreamEntry> entries) {
    List<BatonEvent> events = new ArrayList<>(entries.size());
    for (StreamEntry e : entries) {
      Map<String, String> f = new HashMap<>(e.getFields());
      String type = f.remove("type");
      String at = f.remove("at");
      events.add(
          new BatonEvent(
              e.getID().toString(),
              type,
              at == null ? Instant.ofEpochMilli(e.getID().getTime()) : Instant.ofEpochMilli(Long.parseLong(at)),
              f.remove("task_id"),
              f.remove("worker_id"),
              Map.copyOf(f)));
    }
    return events;
  }
}
