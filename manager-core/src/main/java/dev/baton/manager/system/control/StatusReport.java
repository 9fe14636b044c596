package dev.baton.manager.system.control;

import dev.baton.cluster.WorkerRecord;
import dev.baton.cluster.WorkerStatus;
import dev.baton.manager.config.ManagerSettings;
import dev.baton.manager.system.entity.SystemStatus;
import dev.baton.manager.tasks.control.Dispatcher;
import dev.baton.messaging.BrokerHealth;
import dev.baton.messaging.BrokerProbe;
import dev.baton.store.Redis;
import dev.baton.store.RedisEventLog;
import dev.baton.store.RedisTaskStore;
import dev.baton.store.RedisWorkerRegistry;
import dev.baton.store.StoreUnavailableException;
import dev.baton.task.TaskStats;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Gathers the system status from Redis, the broker and the dispatcher. */
@ApplicationScoped
public class StatusReport {
  private static final long BROKER_PROBE_CACHE_MS = 1_000;

  @Inject Redis redis;
  @Inject RedisTaskStore tasks;
  @Inject RedisWorkerRegistry workers;
  @Inject RedisEventLog events;
  @Inject Dispatcher dispatcher;
  @Inject ManagerSettings settings;
  @Inject dev.baton.messaging.BrokerEndpoint brokerEndpoint;

  @Inject dev.baton.manager.config.Threads threads;

  private final java.util.concurrent.atomic.AtomicBoolean probing = new java.util.concurrent.atomic.AtomicBoolean();
  private BrokerProbe probe;
  private volatile BrokerHealth lastProbe;
  private volatile long probedAt;

  @PostConstruct
  void init() {
    probe = new BrokerProbe(brokerEndpoint);
  }

  @jakarta.annotation.PreDestroy
  void close() {
    probe.close();
  }

  public SystemStatus now() {
    Instant now = Instant.now();
    SystemStatus.Component brokerView = broker();
    boolean brokerUp = "UP".equals(brokerView.status());
    SystemStatus.Dispatch dispatch;
    try {
      long pingMicros = redis.ping();
      TaskStats stats = tasks.stats(60);
      List<WorkerRecord> all = workers.all();
      int alive = 0;
      int failed = 0;
      int slots = 0;
      int busy = 0;
      for (WorkerRecord w : all) {
        boolean leased = w.leaseUntil() != null && w.leaseUntil().isAfter(now) && w.status() != WorkerStatus.DOWN;
        if (leased) {
          alive++;
          slots += w.slots();
          busy += w.running();
        } else if (w.status() == WorkerStatus.FAILED) {
          failed++;
        }
      }
      Map<String, Long> counts = new LinkedHashMap<>();
      stats.byStatus().forEach((s, n) -> counts.put(s.name(), n));
      Map<String, Double> rates = new LinkedHashMap<>();
      rates.put("10s", round(stats.completionsPerSecond(10)));
      rates.put("60s", round(stats.completionsPerSecond(60)));
      dispatch =
          new SystemStatus.Dispatch(
              stats.pendingDispatches(), dispatcher.queued(), dispatcher.isBrokerUp(), dispatcher.lastSend(), dispatcher.lastError());
      String overall = brokerUp && alive > 0 ? "UP" : "DEGRADED";
      return new SystemStatus(
          overall,
          new SystemStatus.Components(
              new SystemStatus.Component("UP", redis.uri().toString(), pingMicros / 1000.0, null, null),
              brokerView,
              new SystemStatus.Workers(alive > 0 ? "UP" : "DOWN", all.size(), alive, failed, slots, busy)),
          counts,
          new SystemStatus.Throughput(
              rates,
              stats.totals().getOrDefault("submitted", 0L),
              stats.totals().getOrDefault("completed", 0L),
              stats.totals().getOrDefault("failed", 0L)),
          dispatch,
          new SystemStatus.Events(events.length(), settings.eventsMaxLength()),
          now);
    } catch (StoreUnavailableException e) {
      dispatch = new SystemStatus.Dispatch(-1, dispatcher.queued(), dispatcher.isBrokerUp(), dispatcher.lastSend(), dispatcher.lastError());
      return new SystemStatus(
          "DOWN",
          new SystemStatus.Components(
              new SystemStatus.Component("DOWN", redis.uri().toString(), null, null, e.getMessage()),
              brokerView,
              new SystemStatus.Workers("UNKNOWN", 0, 0, 0, 0, 0)),
          null,
          null,
          dispatch,
          null,
          now);
    }
  }

  /** The broker as last probed (at most a second ago): up, latency, task messages waiting in it. */
  public SystemStatus.Component broker() {
    return component(brokerHealth());
  }

  /**
   * The broker as last probed, without waiting: a stale result is refreshed in the background (a probe of
   * a broker that is down takes up to two seconds). Null before the first probe.
   */
  public SystemStatus.Component brokerNow() {
    BrokerHealth b = lastProbe;
    if ((b == null || System.currentTimeMillis() - probedAt > BROKER_PROBE_CACHE_MS) && probing.compareAndSet(false, true)) {
      try {
        threads.executor().execute(
            () -> {
              try {
                brokerHealth();
              } finally {
                probing.set(false);
              }
            });
      } catch (RuntimeException e) {
        probing.set(false);
      }
    }
    return b == null ? null : component(b);
  }

  private SystemStatus.Component component(BrokerHealth b) {
    return new SystemStatus.Component(
        b.up() ? "UP" : "DOWN", settings.brokerUrl(), round(b.latencyMs()), b.queueDepth() < 0 ? null : b.queueDepth(), b.error());
  }

  private BrokerHealth brokerHealth() {
    long now = System.currentTimeMillis();
    if (lastProbe == null || now - probedAt > BROKER_PROBE_CACHE_MS) {
      lastProbe = probe.check(Duration.ofSeconds(2));
      probedAt = now;
    }
    return lastProbe;
  }

  private static Double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
