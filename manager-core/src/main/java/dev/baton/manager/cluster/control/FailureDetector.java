package dev.baton.manager.cluster.control;

import dev.baton.cluster.FailureOutcome;
import dev.baton.logging.Structured;
import dev.baton.manager.config.ManagerSettings;
import dev.baton.manager.tasks.control.Dispatcher;
import dev.baton.messaging.BrokerNotifications.ConsumerClosed;
import dev.baton.store.RedisTaskStore;
import dev.baton.store.RedisWorkerRegistry;
import dev.baton.store.StoreUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Declares workers FAILED and has their tasks resumed elsewhere, on two signals:
 *
 * <ul>
 *   <li>the broker reports a worker's control consumer closed (a dead process drops its connection at
 *       once): confirmed at once if the worker holds no Redis connection either (its sockets were closed by
 *       the kernel), else when no heartbeat follows within a heartbeat interval, so a clean stop or a
 *       broker restart is no false alarm;
 *   <li>a lease expired (no heartbeat for {@code baton.worker.timeout-s}): hangs and partitions.
 * </ul>
 *
 * It also forces migrations whose source did not release in time. After a Redis outage it waits one lease
 * before trusting leases again: every lease looks expired when Redis comes back, though the workers are
 * fine; they renew within a heartbeat.
 */
@ApplicationScoped
public class FailureDetector {
  private static final Logger LOG = Logger.getLogger(FailureDetector.class.getName());
  private static final Duration CONFIRM_MARGIN = Duration.ofMillis(150);

  @Inject RedisWorkerRegistry registry;
  @Inject RedisTaskStore tasks;
  @Inject Dispatcher dispatcher;
  @Inject ManagerSettings settings;

  private final Map<String, Instant> suspects = new ConcurrentHashMap<>();
  private volatile Instant redisUpSince = Instant.now();

  /** The broker reported the worker's control consumer closed. */
  public void suspect(ConsumerClosed closed) {
    try {
      if (!registry.hasConnections(closed.workerId())) {
        declare(closed.workerId(), "its broker and Redis connections closed (the process is gone)", false, closed.at());
        return;
      }
    } catch (StoreUnavailableException e) {
      // confirm by heartbeats below
    }
    suspects.merge(closed.workerId(), closed.at(), (a, b) -> a.isBefore(b) ? a : b);
  }

  /** One round: suspects, expired leases, overdue migrations. */
  public void tick() {
    try {
      confirmSuspects();
      if (Duration.between(redisUpSince, Instant.now()).compareTo(settings.workerTimeout().plus(settings.heartbeat())) >= 0) {
        for (String worker : registry.expiredLeases()) {
          declare(worker, "no heartbeat for " + settings.workerTimeout().toSeconds() + " s (lease expired)", true, null);
        }
      }
      forceOverdueMigrations();
    } catch (StoreUnavailableException e) {
      redisUpSince = Instant.now().plus(Duration.ofDays(1)); // not trusted until Redis answers again
      return;
    }
    if (redisUpSince.isAfter(Instant.now())) {
      redisUpSince = Instant.now();
      LOG.info("Redis is back; leases are trusted again one lease from now");
    }
  }

  private void confirmSuspects() {
    Instant now = Instant.now();
    for (var e : suspects.entrySet()) {
      if (Duration.between(e.getValue(), now).compareTo(settings.heartbeat().plus(CONFIRM_MARGIN)) >= 0) {
        suspects.remove(e.getKey());
        declare(e.getKey(), "its broker connection closed and no heartbeat followed", false, e.getValue());
      }
    }
  }

  private void declare(String worker, String reason, boolean onlyIfLeaseExpired, Instant silentSince) {
    long t0 = System.nanoTime();
    FailureOutcome out = registry.declareFailed(worker, reason, settings.maxRecoveries(), onlyIfLeaseExpired, silentSince);
    if (out.alive()) {
      return;
    }
    dispatcher.enqueue(out.toDispatch());
    if (out.declared() || !out.toDispatch().isEmpty()) {
      Structured.log(
          LOG, Level.WARNING, "worker.failed", null, worker, null,
          () -> String.format(
              "%s FAILED (%s); %d task(s) recovering, dispatched in %.1f ms",
              worker, reason, out.toDispatch().size(), (System.nanoTime() - t0) / 1e6));
    }
  }

  private void forceOverdueMigrations() {
    for (String id : tasks.overdueMigrations(100)) {
      tasks
          .release(id, null, null, 0, "manager", "the source did not release within " + settings.migrationTimeout().toSeconds() + " s",
              settings.migrationTimeout())
          .ifPresent(
              order -> {
                Structured.log(LOG, Level.INFO, "task.migration_forced", id, order.targetWorker(), order.epoch(), () -> "forced the migration of " + id + " to " + order.targetWorker());
                dispatcher.enqueue(java.util.List.of(order));
              });
    }
  }
}
