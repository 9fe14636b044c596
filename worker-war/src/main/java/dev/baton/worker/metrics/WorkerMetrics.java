package dev.baton.worker.metrics;

import dev.baton.task.WriteResult;
import dev.baton.worker.config.WorkerSettings;
import dev.baton.worker.lifecycle.Heartbeats;
import dev.baton.worker.slots.SlotPool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Locale;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * This worker's own metrics in {@code /metrics} (beside Payara's JVM metrics): its slots, how its attempts
 * ended, the age of its last heartbeat. Named apart from the manager's cluster-wide ones (baton_worker_slots
 * there counts every worker's slots from Redis): Prometheus tells the workers apart by their instance.
 */
@ApplicationScoped
public class WorkerMetrics {
  @Inject SlotPool slots;
  @Inject Heartbeats heartbeats;
  @Inject WorkerSettings settings;

  @Inject
  @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
  MetricRegistry registry;

  /** Registers the gauges (called once at start). */
  public void start() {
    Metadata slotsMeta = Metadata.builder().withName("baton_slots").withDescription("This worker's task slots, busy or free").build();
    registry.gauge(slotsMeta, slots, SlotPool::busy, new Tag("state", "busy"));
    registry.gauge(slotsMeta, slots, s -> Math.max(0, settings.slots() - s.busy()), new Tag("state", "free"));
    registry.gauge(
        Metadata.builder()
            .withName("baton_heartbeat_age_seconds")
            .withDescription("Seconds since this worker's last heartbeat reached Redis (-1: none yet)")
            .build(),
        heartbeats,
        h -> {
          Instant last = h.lastSuccess();
          return last == null ? -1.0 : (System.currentTimeMillis() - last.toEpochMilli()) / 1000.0;
        });
  }

  /**
   * Counts how an attempt ended: its recorded status (completed, failed, retrying, cancelled, ...), fenced
   * (another worker owns the task now), or unrecorded (Redis stayed away).
   */
  public void attemptEnded(WriteResult r) {
    String outcome = r == null ? "unrecorded" : !r.isOk() ? "fenced" : r.status().name().toLowerCase(Locale.ROOT);
    attempts.computeIfAbsent(outcome, o -> registry.counter(ATTEMPTS, new Tag("outcome", o))).inc();
  }

  private static final Metadata ATTEMPTS =
      Metadata.builder().withName("baton_attempts_total").withDescription("Attempts this worker ended, by outcome").build();
  /** One counter per outcome, looked up once (this runs once per task). */
  private final java.util.Map<String, Counter> attempts = new java.util.concurrent.ConcurrentHashMap<>();
}
