package dev.baton.worker.lifecycle;

import dev.baton.store.RedisWorkerRegistry;
import dev.baton.store.StoreUnavailableException;
import dev.baton.worker.config.WorkerSettings;
import dev.baton.worker.slots.SlotPool;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
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

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
    LOG.info(() -> "worker " + settings.workerId() + " (incarnation " + settings.incarnation() + ") starting");
    heartbeats.start();
    slots.start();
  }

  @PreDestroy
  void stop() {
    LOG.info(() -> "worker " + settings.workerId() + " stopping");
    slots.stop(STOP_GRACE);
    heartbeats.stop();
    try {
      registry.leave(settings.workerId(), settings.incarnation());
    } catch (StoreUnavailableException e) {
      LOG.warning("could not deregister, Redis is unavailable; the lease will expire");
    }
  }
}
