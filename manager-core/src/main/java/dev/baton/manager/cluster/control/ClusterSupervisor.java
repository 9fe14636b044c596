package dev.baton.manager.cluster.control;

import dev.baton.concurrent.Loop;
import dev.baton.manager.config.ManagerSettings;
import dev.baton.messaging.BrokerNotifications;
import dev.baton.messaging.BrokerUnavailableException;
import dev.baton.manager.config.Threads;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
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

  @Inject Threads threads;
  @Inject FailureDetector detector;
  @Inject Balancer balancer;
  @Inject Reconciler reconciler;
  @Inject ManagerSettings settings;
  @Inject dev.baton.messaging.BrokerEndpoint brokerEndpoint;

  private final Loop loop = new Loop();

  public void start() {
    loop.start(threads.factory(), "baton-supervisor", this::watch);
    loop.start(threads.factory(), "baton-broker-notifications", this::followNotifications);
  }

  public void stop() {
    loop.stop(Duration.ofSeconds(3));
  }

  private void watch() {
    long nextBalance = 0;
    long nextReconcile = 0;
    while (!loop.pause(DETECT_MS)) {
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
    try (BrokerNotifications broker = new BrokerNotifications(brokerEndpoint)) {
      while (!loop.isStopping()) {
        try {
          broker.next(Duration.ofSeconds(1)).ifPresent(detector::suspect);
          backoff = 0;
        } catch (BrokerUnavailableException e) {
          backoff = backoff == 0 ? 200 : Math.min(backoff * 2, 5_000);
          if (loop.pause(backoff)) {
            return;
          }
        }
      }
    }
  }
}
