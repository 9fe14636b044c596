package dev.baton.store;

import dev.baton.webhook.Webhook;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
  private final RedisEventGroup group;

  public RedisWebhooks(Redis redis) {
    this.redis = redis;
    this.keys = redis.keys();
    this.group = new RedisEventGroup(redis, GROUP);
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

  /** The managers' consumer group through which they share the deliveries. */
  public RedisEventGroup eventGroup() {
    return group;
  }
}
