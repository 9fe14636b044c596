package dev.baton.worker.slots;

import dev.baton.concurrent.Loop;
import dev.baton.logging.Structured;
import dev.baton.messaging.BrokerUnavailableException;
import dev.baton.messaging.Delivery;
import dev.baton.messaging.JmsTaskInbox;
import dev.baton.store.RedisTaskStore;
import dev.baton.store.StoreUnavailableException;
import dev.baton.task.ClaimResult;
import dev.baton.task.DispatchOrder;
import dev.baton.worker.config.WorkerSettings;
import dev.baton.worker.control.WorkerState;
import dev.baton.worker.execution.Execution;
import dev.baton.worker.execution.TaskRunner;
import dev.baton.worker.handlers.HandlerRegistry;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The worker's N slots. Each slot is a thread with its own broker session: it asks the broker for one
 * message (no prefetch), claims the task in Redis, acknowledges the message, and runs the task; then
 * asks for the next. A worker therefore never holds more messages than it has free slots.
 */
@ApplicationScoped
public class SlotPool {
  private static final Logger LOG = Logger.getLogger(SlotPool.class.getName());
  private static final Duration RECEIVE_WAIT = Duration.ofSeconds(1);

  @Resource ManagedThreadFactory threadFactory;
  @Inject WorkerSettings settings;
  @Inject dev.baton.messaging.BrokerEndpoint brokerEndpoint;
  @Inject RedisTaskStore store;
  @Inject TaskRunner runner;
  @Inject HandlerRegistry handlers;
  @Inject WorkerState state;

  private final Set<Execution> running = ConcurrentHashMap.newKeySet();
  private volatile String brokerError; // the last failure to reach the broker; null once a slot reached it again
  private final Loop loop = new Loop();

  public void start() {
    for (int i = 0; i < settings.slots(); i++) {
      loop.start(threadFactory, "baton-slot-" + (i + 1), new Slot(i));
    }
    LOG.info(() -> settings.workerId() + " consumes with " + settings.slots() + " slots, types " + handlers.types());
  }

  /** Tasks running right now. */
  public int busy() {
    return running.size();
  }

  public List<String> runningTaskIds() {
    return running.stream().map(Execution::taskId).sorted().toList();
  }

  public boolean isStarted() {
    return loop.isRunning();
  }

  /** Why the slots could not reach the broker last time, or null if they reach it. */
  public String brokerError() {
    return brokerError;
  }

  /**
   * Stops taking tasks and asks running ones to stop at their next safe point, where they checkpoint and
   * are handed back for another worker. Waits up to {@code grace}.
   */
  public void stop(Duration grace) {
    loop.signalStop(); // first: no slot starts a new task after this
    running.forEach(e -> e.requestStop(Execution.Stop.SHUTDOWN, "worker " + settings.workerId() + " is shutting down"));
    loop.join(grace);
  }

  /** The manager moves a task away: its execution checkpoints and hands it over at its next safe point. */
  public boolean requestMigration(String taskId, long epoch, String target) {
    for (Execution e : running) {
      if (e.taskId().equals(taskId) && e.epoch() == epoch) {
        e.requestStop(Execution.Stop.MIGRATE, target == null ? "its queue stopped" : "migrating to " + target);
        return true;
      }
    }
    return false;
  }

  /** Someone cancelled a task this worker runs: it stops at its next step boundary. */
  public boolean requestCancel(String taskId, String reason) {
    for (Execution e : running) {
      if (e.taskId().equals(taskId)) {
        e.requestStop(Execution.Stop.CANCEL, reason);
        return true;
      }
    }
    return false;
  }

  /**
   * Stops tasks past their hard time limit, and interrupts the threads of cancelled tasks whose handler did
   * not reach a step boundary within {@code grace}. Called every heartbeat.
   */
  public void enforceStops(Duration grace) {
    for (Execution e : running) {
      if (e.interruptIfStuck(grace)) {
        Structured.log(LOG, Level.WARNING, "task.interrupted", e.taskId(), settings.workerId(), e.epoch(), () -> "task " + e.taskId() + " interrupted: " + e.stopReason());
      }
    }
  }

  /** This worker was declared failed: its tasks were given to others; stop them without writing. */
  public void abandonAll(String reason) {
    running.forEach(e -> e.requestStop(Execution.Stop.ABANDON, reason));
  }

  private boolean isStopping() {
    return loop.isStopping();
  }

  private final class Slot implements Runnable {
    private final int index;
    private long backoff = 0;

    Slot(int index) {
      this.index = index;
    }

    @Override
    public void run() {
      try (JmsTaskInbox inbox = new JmsTaskInbox(brokerEndpoint, settings.workerId(), index)) {
        while (!isStopping()) {
          try {
            if (state.awaitUnfrozen(RECEIVE_WAIT.toMillis())) {
              continue; // a simulated hang: take no work
            }
            Optional<Delivery> delivery = inbox.receive(RECEIVE_WAIT);
            if (brokerError != null) {
              brokerError = null;
            }
            if (delivery.isPresent()) {
              handle(inbox, delivery.get());
            }
            backoff = 0;
          } catch (BrokerUnavailableException e) {
            brokerError = String.valueOf(e.getMessage());
            LOG.log(Level.WARNING, "slot cannot reach the broker, retrying: {0}", e.getMessage());
            backOff();
          } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "slot error, continuing", e);
            backOff();
          }
        }
      }
    }

    private void handle(JmsTaskInbox inbox, Delivery delivery) {
      if (isStopping()) {
        inbox.release();
        return;
      }
      DispatchOrder order = delivery.order();
      if (handlers.forType(order.type()).isEmpty() || !settings.takesFrom(order.queue())) {
        // Not ours to run: give it back untouched; the broker redelivers it (with a growing delay).
        inbox.release();
        LOG.fine(() -> "released " + order.taskId() + ": not taking type " + order.type() + " from queue " + order.queue());
        return;
      }
      ClaimResult claim;
      try {
        claim = store.claim(order.taskId(), settings.workerId(), order.epoch());
      } catch (StoreUnavailableException e) {
        // Undecided: give the message back; it comes again after the broker's redelivery delay.
        inbox.release();
        Structured.log(LOG, Level.WARNING, "task.claim_failed", order.taskId(), settings.workerId(), order.epoch(), () -> "cannot claim " + order.taskId() + ", Redis is unavailable: " + e.getMessage());
        backOff();
        return;
      }
      if (claim.outcome() == ClaimResult.Outcome.WORKER_FAILED) {
        // Declared failed and not rejoined yet: leave the task to a live worker.
        inbox.release();
        backOff();
        return;
      }
      if (!claim.isClaimed()) {
        Structured.log(LOG, Level.FINE, "task.claim_refused", order.taskId(), settings.workerId(), order.epoch(), () -> "dropped message for " + order.taskId() + ": " + claim.detail());
        inbox.acknowledge();
        return;
      }
      try {
        inbox.acknowledge();
      } catch (BrokerUnavailableException e) {
        // The claim stands: if the message comes again, its claim is refused as stale.
        Structured.log(LOG, Level.WARNING, "task.ack_failed", order.taskId(), settings.workerId(), order.epoch(), () -> "could not acknowledge " + order.taskId() + ": " + e.getMessage());
      }
      Execution ex = new Execution(claim.claim());
      ex.runOn(Thread.currentThread());
      running.add(ex);
      try {
        if (isStopping()) {
          ex.requestStop(Execution.Stop.SHUTDOWN, "worker " + settings.workerId() + " is shutting down");
        }
        runner.run(ex);
      } finally {
        running.remove(ex);
        Thread.interrupted(); // an interrupt meant for a cancelled task must not reach the next one
      }
    }

    private void backOff() {
      backoff = backoff == 0 ? 200 : Math.min(backoff * 2, 5_000);
      loop.pause(backoff);
    }
  }
}
