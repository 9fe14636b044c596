package dev.baton.manager.config;

import dev.baton.messaging.BrokerEndpoint;
import dev.baton.config.ConfigKeys;
import dev.baton.messaging.JmsControl;
import dev.baton.store.Redis;
import dev.baton.store.RedisEventLog;
import dev.baton.store.RedisProgressFeed;
import dev.baton.store.RedisSnapshots;
import dev.baton.store.RedisTaskStore;
import dev.baton.store.RedisWorkerRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** Builds the manager's settings from MicroProfile Config, and its Redis adapters. */
@ApplicationScoped
public class ManagerProducers {

  @Produces
  @Singleton
  ManagerSettings settings() {
    Config c = ConfigProvider.getConfig();
    return new ManagerSettings(
        URI.create(get(c, ConfigKeys.REDIS_URL, ConfigKeys.REDIS_URL_DEFAULT)),
        get(c, ConfigKeys.REDIS_PREFIX, ConfigKeys.REDIS_PREFIX_DEFAULT),
        Integer.parseInt(get(c, ConfigKeys.REDIS_POOL, ConfigKeys.REDIS_POOL_DEFAULT)),
        Long.parseLong(get(c, ConfigKeys.EVENTS_MAX_LENGTH, ConfigKeys.EVENTS_MAX_LENGTH_DEFAULT)),
        get(c, ConfigKeys.BROKER_URL, ConfigKeys.BROKER_URL_DEFAULT),
        Duration.ofSeconds(Long.parseLong(get(c, ConfigKeys.DISPATCH_TIMEOUT_S, ConfigKeys.DISPATCH_TIMEOUT_S_DEFAULT))),
        Integer.parseInt(get(c, ConfigKeys.DISPATCH_BATCH, ConfigKeys.DISPATCH_BATCH_DEFAULT)),
        Math.max(1, Integer.parseInt(get(c, ConfigKeys.DISPATCH_TASKS_PER_MESSAGE, ConfigKeys.DISPATCH_TASKS_PER_MESSAGE_DEFAULT))),
        Integer.parseInt(get(c, ConfigKeys.MAX_BATCH, ConfigKeys.MAX_BATCH_DEFAULT)),
        Integer.parseInt(get(c, ConfigKeys.MAX_DATA_BYTES, ConfigKeys.MAX_DATA_BYTES_DEFAULT)),
        Long.parseLong(get(c, ConfigKeys.API_MAX_PENDING, ConfigKeys.API_MAX_PENDING_DEFAULT)),
        Duration.ofSeconds(Long.parseLong(get(c, ConfigKeys.WORKER_TIMEOUT_S, ConfigKeys.WORKER_TIMEOUT_S_DEFAULT))),
        Duration.ofMillis(Long.parseLong(get(c, ConfigKeys.HEARTBEAT_MS, ConfigKeys.HEARTBEAT_MS_DEFAULT))),
        Integer.parseInt(get(c, ConfigKeys.MAX_RECOVERIES, ConfigKeys.MAX_RECOVERIES_DEFAULT)),
        Duration.ofSeconds(Long.parseLong(get(c, ConfigKeys.MIGRATION_TIMEOUT_S, ConfigKeys.MIGRATION_TIMEOUT_S_DEFAULT))),
        Duration.ofSeconds(Long.parseLong(get(c, ConfigKeys.CANCEL_GRACE_S, ConfigKeys.CANCEL_GRACE_S_DEFAULT))),
        Duration.ofSeconds(Long.parseLong(get(c, ConfigKeys.RETENTION_MAX_AGE_S, ConfigKeys.RETENTION_MAX_AGE_S_DEFAULT))),
        Long.parseLong(get(c, ConfigKeys.RETENTION_MAX_FINISHED, ConfigKeys.RETENTION_MAX_FINISHED_DEFAULT)),
        Duration.ofSeconds(Long.parseLong(get(c, ConfigKeys.BALANCER_COOLDOWN_S, ConfigKeys.BALANCER_COOLDOWN_S_DEFAULT))),
        get(c, ConfigKeys.LAUNCHER, ConfigKeys.LAUNCHER_DEFAULT),
        get(c, ConfigKeys.LAUNCHER_RUN_DIR, ConfigKeys.LAUNCHER_RUN_DIR_DEFAULT));
  }

  @Produces
  @Singleton
  Redis redis(ManagerSettings s) {
    Config c = ConfigProvider.getConfig();
    return new Redis(
        s.redisUrl(), get(c, ConfigKeys.REDIS_USER, null), get(c, ConfigKeys.REDIS_PASSWORD, null), s.redisPrefix(), s.eventsMaxLength(),
        s.redisPool(), "baton-manager");
  }

  /** The broker with the manager's credentials (kept out of ManagerSettings, which may be printed). */
  @Produces
  @Singleton
  BrokerEndpoint broker(ManagerSettings s) {
    Config c = ConfigProvider.getConfig();
    return BrokerEndpoint.of(s.brokerUrl(), get(c, ConfigKeys.BROKER_USER, null), get(c, ConfigKeys.BROKER_PASSWORD, null));
  }

  void close(@Disposes Redis redis) {
    redis.close();
  }

  @Produces
  @Singleton
  dev.baton.store.RedisWebhooks webhooks(Redis redis) {
    return new dev.baton.store.RedisWebhooks(redis);
  }

  @Produces
  @Singleton
  dev.baton.manager.notifications.control.TelegramSettings telegram() {
    Config c = ConfigProvider.getConfig();
    return new dev.baton.manager.notifications.control.TelegramSettings(
        get(c, ConfigKeys.TELEGRAM_BOT_TOKEN, ""),
        get(c, ConfigKeys.TELEGRAM_CHAT_ID, ""),
        URI.create(get(c, ConfigKeys.TELEGRAM_API_URL, ConfigKeys.TELEGRAM_API_URL_DEFAULT)));
  }

  @Produces
  @Singleton
  dev.baton.store.RedisQueues queues(Redis redis) {
    return new dev.baton.store.RedisQueues(redis);
  }

  @Produces
  @Singleton
  dev.baton.store.RedisMetrics metrics(Redis redis) {
    return new dev.baton.store.RedisMetrics(redis);
  }

  @Produces
  @Singleton
  dev.baton.store.RedisSchedules schedules(Redis redis) {
    return new dev.baton.store.RedisSchedules(redis);
  }

  @Produces
  @Singleton
  RedisTaskStore tasks(Redis redis) {
    return new RedisTaskStore(redis);
  }

  @Produces
  @Singleton
  RedisWorkerRegistry workers(Redis redis) {
    return new RedisWorkerRegistry(redis);
  }

  @Produces
  @Singleton
  RedisEventLog events(Redis redis) {
    return new RedisEventLog(redis);
  }

  @Produces
  @Singleton
  RedisSnapshots snapshots(Redis redis) {
    return new RedisSnapshots(redis);
  }

  @Produces
  @Singleton
  RedisProgressFeed progressFeed(Redis redis) {
    return new RedisProgressFeed(redis);
  }

  @Produces
  @Singleton
  JmsControl control(BrokerEndpoint broker) {
    return new JmsControl(broker);
  }

  void close(@Disposes JmsControl control) {
    control.close();
  }

  private static String get(Config c, String key, String fallback) {
    return c.getOptionalValue(key, String.class).orElse(fallback);
  }
}
