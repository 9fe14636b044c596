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
 * Webhooks and their delivery logs, and each webhook's consumer group over the event log through which the
 * managers share its deliveries: each event goes to one manager, one that dies leaves its unacknowledged
 * events to the others, and a slow endpoint holds back only its own deliveries.
 */
public class RedisWebhooks {
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

  /** @return whether it existed; its consumer group goes too */
  public boolean delete(String id) {
    boolean existed = redis.call(c -> c.zrem(keys.webhooks(), id) > 0 | c.del(keys.webhook(id), keys.webhookDeliveries(id)) > 0);
    eventGroup(id).destroy();
    return existed;
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

  /** The webhook's consumer group on the event log, through which the managers share its deliveries. */
  /** The hosts (or host:port) on non-public addresses that webhooks may point at, as an admin allowed them. */
  public java.util.Set<String> allowedHosts() {
    return redis.read(c -> c.smembers(redis.keys().webhookAllowedHosts()));
  }

  /** Replaces the allowed hosts (an empty set: none). */
  public void setAllowedHosts(java.util.Set<String> hosts) {
    String key = redis.keys().webhookAllowedHosts();
    redis.call(
        c -> {
          c.del(key);
          return hosts.isEmpty() ? 0L : c.sadd(key, hosts.toArray(String[]::new));
        });
  }

  public RedisEventGroup eventGroup(String webhookId) {
    return new RedisEventGroup(redis, "webhook:" + webhookId);
  }
}
