package dev.baton.manager.system.control;

import dev.baton.manager.cluster.control.ClusterSupervisor;
import dev.baton.manager.tasks.control.Dispatcher;
import dev.baton.manager.timers.control.Timekeeper;
import dev.baton.store.Redis;
import dev.baton.store.RedisTaskStore;
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
  @Inject Timekeeper timekeeper;
  @Inject dev.baton.manager.webhooks.control.WebhookSender webhooks;
  @Inject EventTail eventTail;
  @Inject ClusterSupervisor supervisor;
  @Inject ProgressFollower progress;
  @Inject Redis redis;
  @Inject RedisTaskStore tasks;
  @Inject dev.baton.store.RedisQueues queues;
  @Inject dev.baton.manager.notifications.control.TelegramNotifier telegram;
  @Inject dev.baton.manager.metrics.control.ClusterMetrics metrics;
  @Inject dev.baton.manager.security.Accounts accounts;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
    // The first Redis and broker connections are made here, on the deploying thread, so that the clients'
    // classes are loaded before the background threads run (ADR 0015).
    try {
      redis.ping();
      long indexed = tasks.indexForLookups(); // tasks stored by a Baton older than the console's indexes
      if (indexed > 0) {
        LOG.info(() -> "added " + indexed + " task(s) to the lookup indexes");
      }
      long finished = tasks.indexFinished(); // tasks that finished before retention existed
      if (finished > 0) {
        LOG.info(() -> "added " + finished + " finished task(s) to retention's index");
      }
      if (queues.countExistingTasks()) { // tasks stored before named queues existed: all in the default queue
        LOG.info("counted the tasks stored before named queues in the default queue");
      }
    } catch (StoreUnavailableException e) {
      LOG.warning(() -> "Redis not reachable at start: " + e.getMessage());
    }
    accounts.ensureAdminQuietly();
    dispatcher.start();
    timekeeper.start();
    eventTail.start();
    progress.start();
    supervisor.start();
    webhooks.start();
    telegram.start();
    metrics.start();
    LOG.info("Baton manager started");
  }

  /** Before the application's beans are destroyed, so the threads stop while what they use still works. */
  void onStop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object applicationStopping) {
    telegram.stop();
    webhooks.stop();
    supervisor.stop();
    progress.stop();
    eventTail.stop();
    timekeeper.stop();
    dispatcher.stop();
  }
}
