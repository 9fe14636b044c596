package dev.baton.worker.control;

import dev.baton.cluster.ControlCommand;
import dev.baton.concurrent.Loop;
import dev.baton.logging.Structured;
import dev.baton.messaging.BrokerUnavailableException;
import dev.baton.messaging.JmsControlInbox;
import dev.baton.worker.config.WorkerSettings;
import dev.baton.worker.slots.SlotPool;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Receives the manager's commands on this worker's own queue: migrate a task, fail on purpose, overload,
 * recover. Its open consumer is also what makes the broker announce this process's death at once. It keeps
 * listening through a simulated hang, so that "recover" can end it.
 */
@ApplicationScoped
public class ControlListener {
  private static final Logger LOG = Logger.getLogger(ControlListener.class.getName());

  @Resource ManagedThreadFactory threadFactory;
  @Inject WorkerSettings settings;
  @Inject dev.baton.messaging.BrokerEndpoint brokerEndpoint;
  @Inject WorkerState state;
  @Inject SlotPool slots;

  private final Loop loop = new Loop();
  private final Object lock = new Object();
  private JmsControlInbox inbox;

  /** Opens the control queue (the broker now knows this process) and starts listening. */
  public void start() {
    synchronized (lock) {
      inbox = new JmsControlInbox(brokerEndpoint, settings.workerId());
      try {
        inbox.open();
      } catch (BrokerUnavailableException e) {
        LOG.warning(() -> "control queue not open yet, retrying: " + e.getMessage());
      }
      loop.start(threadFactory, "baton-control", this::run);
    }
  }

  /** Stops listening; the last thing a worker does when it stops. */
  public void stop() {
    synchronized (lock) {
      loop.stop(Duration.ofSeconds(3));
      if (inbox != null) {
        inbox.close();
      }
    }
  }

  private void run() {
    long backoff = 0;
    while (!loop.isStopping()) {
      try {
        Optional<ControlCommand> command = inbox.receive(Duration.ofSeconds(1));
        command.ifPresent(this::apply);
        backoff = 0;
      } catch (BrokerUnavailableException e) {
        backoff = backoff == 0 ? 200 : Math.min(backoff * 2, 5_000);
        LOG.log(Level.FINE, "control queue unavailable: {0}", e.getMessage());
        loop.pause(backoff);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "control command failed", e);
      }
    }
  }

  void apply(ControlCommand c) {
    LOG.info(() -> "control: " + c);
    switch (c.kind()) {
      case MIGRATE -> {
        if (!slots.requestMigration(c.taskId(), c.epoch(), c.target())) {
          Structured.log(LOG, Level.INFO, "control.migrate_missed", c.taskId(), settings.workerId(), c.epoch(), () -> "migrate " + c.taskId() + ": not running here at epoch " + c.epoch());
        }
      }
      case CANCEL -> {
        if (!slots.requestCancel(c.taskId(), "cancelled")) {
          Structured.log(LOG, Level.INFO, "control.cancel_missed", c.taskId(), settings.workerId(), null, () -> "cancel " + c.taskId() + ": not running here");
        }
      }
      case FAIL -> {
        switch (c.mode()) {
          case CRASH -> {
            LOG.severe("simulated failure: crash (halting the process now)");
            Runtime.getRuntime().halt(137); // like kill -9: no shutdown hooks, no goodbye
          }
          case HANG -> state.hang();
          case PARTITION -> state.partition();
        }
      }
      case OVERLOAD -> state.overload(c.factor(), c.durationS());
      case RECOVER -> state.recover();
    }
  }
}
