package dev.baton.store;

import dev.baton.event.BatonEvent;
import dev.baton.webhook.Webhook;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.XAutoClaimParams;
import redis.clients.jedis.params.XReadGroupParams;

/**
 * Webhooks and their delivery logs, and the consumer group over the event log through which the managers
 * share the deliveries: each event goes to one manager, and one that dies leaves its unacknowledged events
 * to the others.
 */
public class RedisWebhooks {
  /** The consumer group of the managers on the event log. */
  static final String GROUP = "webhooks";
  /** Deliveries kept per webhook. */
  public static final int DELIVERIES_KEPT = 100;

  private final Redis redis;
  private final RedisKeys keys;

  public RedisWebhooks(Redis redis) {
    this.redis = redis;
    this.keys = redis.keys();
  }

  public void save(Webhook w) {
    redis.call(
        c -> {
          c.hset(
              keys.webhook(w.id()),
              Map.of(
                  "id", w.id(), "url", w.url(), "events", String.join(",", w.events()), "secret", w.secret(), "created_at",
                  Long.toString(w.createdAt().toEpochMilli())));
          return c.zadd(keys.webhooks(), w.createdAt().toEpochMilli(), w.id());
        });
  }

  public List<Webhook> all() {
    List<Webhook> hooks = new ArrayList<>();
    for (String id : redis.read(c -> c.zrange(keys.webhooks(), 0, -1))) {
      find(id).ifPresent(hooks::add);
    }
    return hooks;
  }

  public long count() {
    return redis.read(c -> c.zcard(keys.webhooks()));
  }

  public Optional<Webhook> find(String id) {
    Map<String, String> h = redis.read(c -> c.hgetAll(keys.webhook(id)));
    if (h.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Webhook(
            h.get("id"), h.get("url"), new LinkedHashSet<>(Arrays.asList(h.get("events").split(","))), h.get("secret"),
            Instant.ofEpochMilli(Long.parseLong(h.get("created_at")))));
  }

  /** @return whether it existed */
  public boolean delete(String id) {
    return redis.call(c -> c.zrem(keys.webhooks(), id) > 0 | c.del(keys.webhook(id), keys.webhookDeliveries(id)) > 0);
  }

  /** Logs a delivery (JSON), keeping the newest {@value #DELIVERIES_KEPT}. */
  public void recordDelivery(String id, String json) {
    redis.call(
        c -> {
          c.lpush(keys.webhookDeliveries(id), json);
          return c.ltrim(keys.webhookDeliveries(id), 0, DELIVERIES_KEPT - 1);
        });
  }

  /** Newest first. */
  public List<String> deliveries(String id) {
    return redis.read(c -> c.lrange(keys.webhookDeliveries(id), 0, DELIVERIES_KEPT - 1));
  }

  /**
   * Creates the managers' consumer group on the event log at its end, unless it exists; with {@code
   * fromNow} an existing group is moved to the end too (no webhook heard the events in between).
   */
  public void joinEventLog(boolean fromNow) {
    try {
      redis.call(c -> c.xgroupCreate(keys.events(), GROUP, StreamEntryID.XGROUP_LAST_ENTRY, true));
    } catch (JedisDataException e) {
      if (e.getMessage() == null || !e.getMessage().startsWith("BUSYGROUP")) {
        throw e;
      }
      if (fromNow) {
        redis.call(c -> c.xgroupSetID(keys.events(), GROUP, StreamEntryID.XGROUP_LAST_ENTRY));
      }
    }
  }

  /** Events no manager of the group has received yet, waiting up to {@code block}; oldest first. */
  public List<BatonEvent> receive(String consumer, int count, Duration block) {
    var reply =
        redis.call(
            c ->
                c.xreadGroup(
                    GROUP, consumer, XReadGroupParams.xReadGroupParams().count(count).block((int) block.toMillis()),
                    Map.of(keys.events(), StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY)));
    return reply == null || reply.isEmpty() ? List.of() : RedisEventLog.toEvents(reply.get(0).getValue());
  }

  /** Events another manager received but has not acknowledged for {@code idle}: it died; this one takes them. */
  public List<BatonEvent> takeOver(String consumer, Duration idle, int count) {
    var reply =
        redis.call(
            c -> c.xautoclaim(keys.events(), GROUP, consumer, idle.toMillis(), new StreamEntryID(0, 0), XAutoClaimParams.xAutoClaimParams().count(count)));
    return RedisEventLog.toEvents(reply.getValue().stream().filter(e -> e != null && e.getFields() != null).toList());
  }

  /** Done with these events (delivered, or given up on). */
  public void acknowledge(List<String> eventIds) {
    if (!eventIds.isEmpty()) {
      redis.call(c -> c.xack(keys.events(), GROUP, eventIds.stream().map(StreamEntryID::new).toArray(StreamEntryID[]::new)));
    }
  }
}
