package dev.baton.worker.lifecycle;

import dev.baton.store.RedisWorkerRegistry;
import dev.baton.store.StoreUnavailableException;
import dev.baton.worker.config.WorkerSettings;
import dev.baton.worker.control.ControlListener;
import dev.baton.worker.slots.SlotPool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Logger;

/** Starts the worker with the application and stops it cleanly: running tasks are handed back. */
@ApplicationScoped
public class WorkerLifecycle {
  private static final Logger LOG = Logger.getLogger(WorkerLifecycle.class.getName());
  private static final Duration STOP_GRACE = Duration.ofSeconds(15);

  @Inject WorkerSettings settings;
  @Inject Heartbeats heartbeats;
  @Inject SlotPool slots;
  @Inject RedisWorkerRegistry registry;
  @Inject ControlListener control;
  @Inject dev.baton.worker.metrics.WorkerMetrics metrics;

  /**
   * The order matters: the control queue first (from then on the broker reports this process's death),
   * then a first heartbeat (registering, and recovering what a previous process of this worker left),
   * then the slots.
   */
  void onStart(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
    LOG.info(() -> "worker " + settings.workerId() + " (incarnation " + settings.incarnation() + ") starting");
    control.start();
    try {
      heartbeats.beat();
    } catch (StoreUnavailableException e) {
      LOG.warning("first heartbeat failed, Redis is unavailable; retrying in the background");
    }
    heartbeats.start();
    slots.start();
    metrics.start();
  }

  /**
   * In reverse: hand running tasks back, stop heartbeats, leave, and close the control queue last. Runs
   * before the application's beans are destroyed (in a @PreDestroy, the Redis pool may already be closed,
   * and the tasks could not be handed back).
   */
  void onStop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object applicationStopping) {
    LOG.info(() -> "worker " + settings.workerId() + " stopping");
    slots.stop(STOP_GRACE);
    heartbeats.stop();
    try {
      registry.leave(settings.workerId(), settings.incarnation());
    } catch (StoreUnavailableException e) {
      LOG.warning("could not deregister, Redis is unavailable; the lease will expire");
    }
    control.stop();
  }
}
