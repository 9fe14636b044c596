package dev.baton.worker.lifecycle;

import dev.baton.worker.config.WorkerSettings;
import dev.baton.worker.slots.SlotPool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the slots consume and the last heartbeat reached Redis within the lease. */
@Readiness
@ApplicationScoped
public class WorkerReadiness implements HealthCheck {
  @Inject SlotPool slots;
  @Inject Heartbeats heartbeats;
  @Inject WorkerSettings settings;

  @Override
  public HealthCheckResponse call() {
    Instant last = heartbeats.lastSuccess();
    boolean leased = last != null && last.plus(settings.lease()).isAfter(Instant.now());
    return HealthCheckResponse.named("worker")
        .status(slots.isStarted() && leased)
        .withData("worker_id", settings.workerId())
        .withData("slots", settings.slots())
        .withData("busy", slots.busy())
        .withData("heartbeat", last == null ? "never" : last.toString())
        .build();
  }
}
