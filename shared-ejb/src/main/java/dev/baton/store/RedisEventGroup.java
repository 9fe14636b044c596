package dev.baton.store;

import dev.baton.event.BatonEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.XAutoClaimParams;
import redis.clients.jedis.params.XReadGroupParams;

/**
 * A consumer group of the managers on the event log: each event goes to one manager of the group, and one
 * that dies leaves its unacknowledged events to the others. Each kind of notification has its own group, so
 * each hears every event once.
 */
public class RedisEventGroup {
  private final Redis redis;
  private final RedisKeys keys;
  private final String group;
  /** When this process next looks for events a dead consumer left (nanoTime). */
  private volatile long nextTakeOver;

  public RedisEventGroup(Redis redis, String group) {
    this.redis = redis;
    this.keys = redis.keys();
    this.group = group;
  }

  /**
   * Creates the group on the event log at its end, unless it exists; with {@code fromNow} an existing group
   * is moved to the end too (nobody wanted the events in between).
   */
  public void join(boolean fromNow) {
    try {
      redis.call(c -> c.xgroupCreate(keys.events(), group, StreamEntryID.XGROUP_LAST_ENTRY, true));
    } catch (JedisDataException e) {
      if (e.getMessage() == null || !e.getMessage().startsWith("BUSYGROUP")) {
        throw e;
      }
      if (fromNow) {
        redis.call(c -> c.xgroupSetID(keys.events(), group, StreamEntryID.XGROUP_LAST_ENTRY));
      }
    }
  }

  /**
   * The next events for this consumer: new ones (waiting up to {@code block}); when there are none, at most
   * every 10 s, those another consumer received but has not acknowledged for {@code takeOverAfter} (it died).
   */
  public List<BatonEvent> next(String consumer, int count, Duration block, Duration takeOverAfter) {
    List<BatonEvent> events = receive(consumer, count, block);
    if (events.isEmpty() && System.nanoTime() - nextTakeOver > 0) {
      events = takeOver(consumer, takeOverAfter, count);
      nextTakeOver = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    }
    return events;
  }

  /** Events no manager of the group has received yet, waiting up to {@code block}; oldest first. */
  public List<BatonEvent> receive(String consumer, int count, Duration block) {
    var reply =
        redis.call(
            c ->
                c.xreadGroup(
                    group, consumer, XReadGroupParams.xReadGroupParams().count(count).block((int) block.toMillis()),
                    Map.of(keys.events(), StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY)));
    return reply == null || reply.isEmpty() ? List.of() : RedisEventLog.toEvents(reply.get(0).getValue());
  }

  /** Events another manager received but has not acknowledged for {@code idle}: it died; this one takes them. */
  public List<BatonEvent> takeOver(String consumer, Duration idle, int count) {
    var reply =
        redis.call(
            c -> c.xautoclaim(keys.events(), group, consumer, idle.toMillis(), new StreamEntryID(0, 0), XAutoClaimParams.xAutoClaimParams().count(count)));
    return RedisEventLog.toEvents(reply.getValue().stream().filter(e -> e != null && e.getFields() != null).toList());
  }

  /** Removes the group (its consumers and their pending entries); nothing if there is none. */
  public void destroy() {
    try {
      redis.call(c -> c.xgroupDestroy(keys.events(), group));
    } catch (JedisDataException e) {
      // no such stream or group: nothing to remove
    }
  }

  /**
   * Removes the consumers of the group idle for longer than {@code idle} with nothing pending (managers that
   * are gone); @return how many.
   */
  public int pruneIdleConsumers(Duration idle) {
    return redis.call(
        c -> {
          int removed = 0;
          for (var consumer : c.xinfoConsumers2(keys.events(), group)) {
            if (consumer.getPending() == 0 && consumer.getIdle() > idle.toMillis()) {
              c.xgroupDelConsumer(keys.events(), group, consumer.getName());
              removed++;
            }
          }
          return removed;
        });
  }

  /** Done with these events (delivered, or given up on). */
  public void acknowledge(List<String> eventIds) {
    if (!eventIds.isEmpty()) {
      redis.call(c -> c.xack(keys.events(), group, eventIds.stream().map(StreamEntryID::new).toArray(StreamEntryID[]::new)));
    }
  }
}
