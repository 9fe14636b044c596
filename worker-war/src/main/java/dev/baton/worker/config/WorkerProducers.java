package dev.baton.worker.config;

import dev.baton.messaging.BrokerEndpoint;
import dev.baton.config.ConfigKeys;
import dev.baton.store.Redis;
import dev.baton.store.RedisTaskStore;
import dev.baton.store.RedisWorkerRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** Builds the worker's settings from MicroProfile Config, and its connections to Redis. */
@ApplicationScoped
public class WorkerProducers {

  @Produces
  @Singleton
  WorkerSettings settings() {
    Config c = ConfigProvider.getConfig();
    String id = get(c, ConfigKeys.WORKER_ID, ConfigKeys.WORKER_ID_DEFAULT);
    String scratch = get(c, ConfigKeys.SCRATCH_DIR, ConfigKeys.SCRATCH_DIR_DEFAULT);
    String attemptLog = get(c, ConfigKeys.ATTEMPT_LOG, ConfigKeys.ATTEMPT_LOG_DEFAULT);
    return new WorkerSettings(
        id,
        UUID.randomUUID().toString(),
        Integer.parseInt(get(c, ConfigKeys.WORKER_SLOTS, ConfigKeys.WORKER_SLOTS_DEFAULT)),
        Duration.ofMillis(Long.parseLong(get(c, ConfigKeys.HEARTBEAT_MS, ConfigKeys.HEARTBEAT_MS_DEFAULT))),
        Duration.ofSeconds(Long.parseLong(get(c, ConfigKeys.WORKER_TIMEOUT_S, ConfigKeys.WORKER_TIMEOUT_S_DEFAULT))),
        Duration.ofSeconds(Long.parseLong(get(c, ConfigKeys.CHECKPOINT_INTERVAL_S, ConfigKeys.CHECKPOINT_INTERVAL_S_DEFAULT))),
        scratch.isBlank() ? Path.of(System.getProperty("java.io.tmpdir"), "baton-" + id) : Path.of(scratch),
        URI.create(get(c, ConfigKeys.MANAGER_URL, ConfigKeys.MANAGER_URL_DEFAULT)),
        get(c, ConfigKeys.PUBLIC_URL, ConfigKeys.PUBLIC_URL_DEFAULT),
        URI.create(get(c, ConfigKeys.REDIS_URL, ConfigKeys.REDIS_URL_DEFAULT)),
        get(c, ConfigKeys.REDIS_PREFIX, ConfigKeys.REDIS_PREFIX_DEFAULT),
        Integer.parseInt(get(c, ConfigKeys.REDIS_POOL, ConfigKeys.REDIS_POOL_DEFAULT)),
        Long.parseLong(get(c, ConfigKeys.EVENTS_MAX_LENGTH, ConfigKeys.EVENTS_MAX_LENGTH_DEFAULT)),
        get(c, ConfigKeys.BROKER_URL, ConfigKeys.BROKER_URL_DEFAULT),
        Integer.parseInt(get(c, ConfigKeys.MAX_RECOVERIES, ConfigKeys.MAX_RECOVERIES_DEFAULT)),
        Duration.ofSeconds(Long.parseLong(get(c, ConfigKeys.MIGRATION_TIMEOUT_S, ConfigKeys.MIGRATION_TIMEOUT_S_DEFAULT))),
        list(get(c, ConfigKeys.WORKER_TYPES, ConfigKeys.WORKER_TYPES_DEFAULT)),
        list(get(c, ConfigKeys.WORKER_QUEUES, ConfigKeys.WORKER_QUEUES_DEFAULT)),
        attemptLog.isBlank() ? null : Path.of(attemptLog));
  }

  private static java.util.Set<String> list(String commaSeparated) {
    return java.util.Arrays.stream(commaSeparated.split(","))
        .map(String::trim)
        .filter(t -> !t.isEmpty())
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  @Produces
  @Singleton
  Redis redis(WorkerSettings s) {
    Config c = ConfigProvider.getConfig();
    return new Redis(
        s.redisUrl(),
        get(c, ConfigKeys.REDIS_USER, null),
        get(c, ConfigKeys.REDIS_PASSWORD, null),
        s.redisPrefix(),
        s.eventsMaxLength(),
        Math.max(s.redisPool(), s.slots() + 4),
        RedisWorkerRegistry.clientName(s.workerId(), s.incarnation()));
  }

  /** The broker with the worker's credentials (kept out of WorkerSettings, which may be printed). */
  @Produces
  @Singleton
  BrokerEndpoint broker(WorkerSettings s) {
    Config c = ConfigProvider.getConfig();
    return BrokerEndpoint.of(s.brokerUrl(), get(c, ConfigKeys.BROKER_USER, null), get(c, ConfigKeys.BROKER_PASSWORD, null));
  }

  void close(@Disposes Redis redis) {
    redis.close();
  }

  @Produces
  @Singleton
  RedisTaskStore tasks(Redis redis) {
    return new RedisTaskStore(redis);
  }

  /** The hot path's claims (ADR 0055). */
  @Produces
  @Singleton
  dev.baton.task.Claims claims(Redis redis) {
    return new dev.baton.store.RedisClaims(redis);
  }

  /** The hot path's outcomes (ADR 0055). */
  @Produces
  @Singleton
  dev.baton.task.Outcomes outcomes(Redis redis) {
    return new dev.baton.store.RedisOutcomes(redis);
  }

  /** A worker's outcomes and its next claims in one call (ADR 0059). */
  @Produces
  @Singleton
  dev.baton.task.OutcomesThenClaims outcomesThenClaims(Redis redis) {
    return new dev.baton.store.RedisOutcomesThenClaims(redis);
  }

  @Produces
  @Singleton
  RedisWorkerRegistry workers(Redis redis) {
    return new RedisWorkerRegistry(redis);
  }

  private static String get(Config c, String key, String fallback) {
    return c.getOptionalValue(key, String.class).orElse(fallback);
  }
}
