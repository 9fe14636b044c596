package dev.baton.manager.system.control;

import dev.baton.manager.cluster.control.ClusterSupervisor;
import dev.baton.manager.tasks.control.Dispatcher;
import dev.baton.store.Redis;
import dev.baton.store.StoreUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/** Starts the manager's background work with the application, and stops it with it. */
@ApplicationScoped
public class ManagerLifecycle {
  private static final Logger LOG = Logger.getLogger(ManagerLifecycle.class.getName());

  @Inject Dispatcher dispatcher;
  @Inject EventTail eventTail;
  @Inject ClusterSupervisor supervisor;
  @Inject Redis redis;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
    // The first Redis and broker connections are made here, on the deploying thread, so that the clients'
    // classes are loaded before the background threads run (ADR 0015).
    try {
      redis.ping();
    } catch (StoreUnavailableException e) {
      LOG.warning(() -> "Redis not reachable at start: " + e.getMessage());
    }
    dispatcher.start();
    eventTail.start();
    supervisor.start();
    LOG.info("Baton manager started");
  }

  /** Before the application's beans are destroyed, so the threads stop while what they use still works. */
  void onStop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object applicationStopping) {
    supervisor.stop();
    eventTail.stop();
    dispatcher.stop();
  }
}
