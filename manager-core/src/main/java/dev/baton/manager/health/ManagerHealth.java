package dev.baton.manager.health;

import dev.baton.manager.cluster.control.LiveWorkers;
import dev.baton.manager.system.control.StatusReport;
import dev.baton.manager.tasks.control.Dispatcher;
import dev.baton.manager.timers.control.Timekeeper;
import dev.baton.store.Redis;
import dev.baton.store.StoreUnavailableException;
import dev.baton.cluster.WorkerRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.health.Startup;

/**
 * The manager's health, for MicroProfile Health's three endpoints:
 * <ul>
 *   <li>{@code /health/started}: Redis answered and the dispatcher runs (what demo.sh and compose wait for
 *       before starting the workers: readiness needs a worker, so it cannot be the gate);
 *   <li>{@code /health/live}: its loops run (dispatcher, timers); DOWN means restart it;
 *   <li>{@code /health/ready}: {@code redis}, {@code broker} and {@code workers} (at least one alive): DOWN
 *       means tasks are accepted but will not run now (a load balancer may prefer another manager).
 * </ul>
 */
@ApplicationScoped
public class ManagerHealth {
  @Inject Redis redis;
  @Inject Dispatcher dispatcher;
  @Inject Timekeeper timekeeper;
  @Inject StatusReport status;
  @Inject LiveWorkers workers;

  @Produces
  @Startup
  HealthCheck started() {
    return () -> {
      boolean redisUp = redisAnswers();
      return HealthCheckResponse.named("manager")
          .status(redisUp && dispatcher.isRunning())
          .withData("redis", redisUp ? "UP" : "DOWN")
          .withData("dispatcher", dispatcher.isRunning() ? "running" : "stopped")
          .build();
    };
  }

  @Produces
  @Liveness
  HealthCheck loops() {
    return () ->
        HealthCheckResponse.named("manager")
            .status(dispatcher.isRunning() && timekeeper.isRunning())
            .withData("dispatcher", dispatcher.isRunning() ? "running" : "stopped")
            .withData("timers", timekeeper.isRunning() ? "running" : "stopped")
            .build();
  }

  @Produces
  @Readiness
  HealthCheck redisCheck() {
    return () -> {
      try {
        long micros = redis.ping();
        return HealthCheckResponse.named("redis").up().withData("latency_ms", micros / 1000.0 + "").build();
      } catch (StoreUnavailableException e) {
        return HealthCheckResponse.named("redis").down().withData("error", String.valueOf(e.getMessage())).build();
      }
    };
  }

  @Produces
  @Readiness
  HealthCheck brokerCheck() {
    return () -> {
      var b = status.brokerNow(); // the last probe (refreshed in the background), or null before the first
      if (b == null) {
        b = status.broker(); // the first: probe now (at most 2 s)
      }
      var r = HealthCheckResponse.named("broker").status("UP".equals(b.status())).withData("url", b.url());
      if (b.queueDepth() != null) {
        r.withData("task_messages_waiting", b.queueDepth());
      }
      if (b.error() != null) {
        r.withData("error", b.error());
      }
      return r.build();
    };
  }

  @Produces
  @Readiness
  HealthCheck workersCheck() {
    return () -> {
      List<WorkerRecord> alive;
      try {
        alive = workers.all();
      } catch (StoreUnavailableException e) {
        return HealthCheckResponse.named("workers").down().withData("error", "Redis unavailable").build();
      }
      int slots = alive.stream().mapToInt(WorkerRecord::slots).sum();
      int busy = alive.stream().mapToInt(WorkerRecord::running).sum();
      return HealthCheckResponse.named("workers")
          .status(!alive.isEmpty())
          .withData("alive", alive.size())
          .withData("slots", slots)
          .withData("busy", busy)
          .build();
    };
  }

  private boolean redisAnswers() {
    try {
      redis.ping();
      return true;
    } catch (StoreUnavailableException e) {
      return false;
    }
  }
}
