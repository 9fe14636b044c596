package dev.baton.manager.cluster.control;

import dev.baton.manager.config.ManagerSettings;
import dev.baton.messaging.BrokerNotifications;
import dev.baton.messaging.BrokerUnavailableException;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The manager's watch over the cluster: one thread follows the broker's notifications (crash signals),
 * another runs the failure detector every {@value #DETECT_MS} ms, the balancer every {@value #BALANCE_MS}
 * ms and the reconciler at start and every {@value #RECONCILE_MS} ms.
 */
@ApplicationScoped
public class ClusterSupervisor {
  private static final Logger LOG = Logger.getLogger(ClusterSupervisor.class.getName());
  static final long DETECT_MS = 100;
  static final long BALANCE_MS = 2_000;
  static final long RECONCILE_MS = 30_000;

  @Resource ManagedThreadFactory threadFactory;
  @Inject FailureDetector detector;
  @Inject Balancer balancer;
  @Inject Reconciler reconciler;
  @Inject ManagerSettings settings;

  private final CountDownLatch stopped = new CountDownLatch(1);
  private Thread watch;
  private Thread notifications;

  public synchronized void start() {
    watch = threadFactory.newThread(this::watch);
    watch.setName("baton-supervisor");
    watch.start();
    notifications = threadFactory.newThread(this::followNotifications);
    notifications.setName("baton-broker-notifications");
    notifications.start();
  }

  public synchronized void stop() {
    stopped.countDown();
    for (Thread t : new Thread[] {watch, notifications}) {
      if (t != null) {
        try {
          t.join(3_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  private void watch() {
    long nextBalance = 0;
    long nextReconcile = 0;
    while (!pause(DETECT_MS)) {
      try {
        detector.tick();
        long now = System.currentTimeMillis();
        if (now >= nextBalance) {
          balancer.tick();
          nextBalance = now + BALANCE_MS;
        }
        if (now >= nextReconcile && reconciler.run() != null) {
          nextReconcile = now + RECONCILE_MS;
        }
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "supervisor round failed, continuing", e);
      }
    }
  }

  private void followNotifications() {
    long backoff = 0;
    try (BrokerNotifications broker = new BrokerNotifications(settings.brokerUrl())) {
      while (stopped.getCount() > 0) {
        try {
          broker.next(Duration.ofSeconds(1)).ifPresent(detector::suspect);
          backoff = 0;
        } catch (BrokerUnavailableException e) {
          backoff = backoff == 0 ? 200 : Math.min(backoff * 2, 5_000);
          if (pause(backoff)) {
            return;
          }
        }
      }
    }
  }

  /** Waits; true if the supervisor is stopping. */
  private boolean pause(long millis) {
    try {
      return stopped.await(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }
}
