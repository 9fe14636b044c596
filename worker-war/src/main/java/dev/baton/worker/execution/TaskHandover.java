package dev.baton.worker.execution;

import dev.baton.messaging.BrokerUnavailableException;
import dev.baton.messaging.JmsTaskDispatch;
import dev.baton.task.DispatchOrder;
import dev.baton.worker.config.WorkerSettings;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * Sends a migrated task straight to its target worker, so it resumes in milliseconds. If the broker is
 * down, the task is due in Redis and the manager's due scan sends it later.
 */
@ApplicationScoped
public class TaskHandover {
  private static final Logger LOG = Logger.getLogger(TaskHandover.class.getName());
  @Inject WorkerSettings settings;
  @Inject dev.baton.messaging.BrokerEndpoint brokerEndpoint;
  private final Object lock = new Object();
  private JmsTaskDispatch dispatch;

  public void send(DispatchOrder order) {
    synchronized (lock) {
      if (dispatch == null) {
        dispatch = new JmsTaskDispatch(brokerEndpoint, Duration.ofMinutes(5));
      }
      try {
        dispatch.send(java.util.List.of(order));
      } catch (BrokerUnavailableException e) {
        LOG.warning(() -> "handover of " + order.taskId() + " to " + order.targetWorker() + " not sent (" + e.getMessage() + "); the manager resends it");
      }
    }
  }

  @PreDestroy
  void close() {
    synchronized (lock) {
      if (dispatch != null) {
        dispatch.close();
      }
    }
  }
}
