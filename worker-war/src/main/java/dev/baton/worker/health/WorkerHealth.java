package dev.baton.worker.health;

import dev.baton.worker.config.WorkerSettings;
import dev.baton.worker.lifecycle.Heartbeats;
import dev.baton.worker.slots.SlotPool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.health.Startup;

/**
 * A worker's health: {@code /health/started} once its slots consume; {@code /health/live} while its slot
 * threads run; {@code /health/ready}: {@code redis} (its last heartbeat is within the lease), {@code broker}
 * (its slots reach it) and {@code slots} (how many, how many busy).
 */
@ApplicationScoped
public class WorkerHealth {
  @Inject SlotPool slots;
  @Inject Heartbeats heartbeats;
  @Inject WorkerSettings settings;

  @Produces
  @Startup
  HealthCheck started() {
    return () -> HealthCheckResponse.named("worker").status(slots.isStarted()).withData("worker_id", settings.workerId()).build();
  }

  @Produces
  @Liveness
  HealthCheck slotThreads() {
    return () -> HealthCheckResponse.named("slots").status(slots.isStarted()).withData("slots", settings.slots()).build();
  }

  @Produces
  @Readiness
  HealthCheck redisCheck() {
    return () -> {
      Instant last = heartbeats.lastSuccess();
      boolean leased = last != null && last.plus(settings.lease()).isAfter(Instant.now());
      return HealthCheckResponse.named("redis")
          .status(leased)
          .withData("last_heartbeat", last == null ? "never" : last.toString())
          .withData("lease_s", settings.lease().toSeconds())
          .build();
    };
  }

  @Produces
  @Readiness
  HealthCheck brokerCheck() {
    return () -> {
      String error = slots.brokerError();
      var r = HealthCheckResponse.named("broker").status(error == null).withData("url", settings.brokerUrl());
      return (error == null ? r : r.withData("error", error)).build();
    };
  }

  @Produces
  @Readiness
  HealthCheck slotsCheck() {
    return () ->
        HealthCheckResponse.named("slots")
            .status(slots.isStarted())
            .withData("worker_id", settings.workerId())
            .withData("slots", settings.slots())
            .withData("busy", slots.busy())
            .build();
  }
}
