package dev.baton.worker.slots;

import dev.baton.concurrent.Loop;
import dev.baton.logging.Structured;
import dev.baton.messaging.BrokerUnavailableException;
import dev.baton.messaging.Delivery;
import dev.baton.messaging.JmsTaskInbox;
import dev.baton.store.StoreUnavailableException;
import dev.baton.task.ClaimResult;
import dev.baton.task.DispatchOrder;
import dev.baton.worker.config.WorkerSettings;
import dev.baton.worker.control.WorkerState;
import dev.baton.worker.execution.Execution;
import dev.baton.worker.execution.GroupedOutcomes;
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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The worker's N slots. One fetching thread asks the broker for a message only while a slot is free (no
 * prefetch), claims in one Redis call as many of its tasks as slots are free, hands the rest back to the broker,
 * acknowledges the message, and gives each claimed task to a free slot's thread. A message carries one task when
 * the backlog is shallow and several when it is deep (ADR 0055), so a deep backlog costs one delivery, one claim
 * call and one acknowledgement per message instead of per task - and a claimed task never waits for a slot. A slot
 * is free again when its task's run ends: its outcome is written meanwhile, by the outcome writer (ADR 0058).
 */
@ApplicationScoped
public class SlotPool {
  private static final Logger LOG = Logger.getLogger(SlotPool.class.getName());
  private static final Duration RECEIVE_WAIT = Duration.ofSeconds(1);
  /**
   * How long a message's unclaimed tasks wait for one of this worker's slots to free before they go back to the
   * broker: short, so a task of a higher priority never waits behind them for longer than that (ADR 0055).
   */
  private static final Duration HOLD_FOR_A_SLOT = Duration.ofMillis(20);

  @Resource ManagedThreadFactory threadFactory;
  @Inject WorkerSettings settings;
  @Inject dev.baton.messaging.BrokerEndpoint brokerEndpoint;
  @Inject TaskRunner runner;
  @Inject HandlerRegistry handlers;
  @Inject WorkerState state;
  @Inject GroupedOutcomes outcomes;

  /** Tasks claimed and not yet ended: in a slot, or on their way to one. */
  private final Set<Execution> running = ConcurrentHashMap.newKeySet();
  /** Tasks whose run ended and whose outcome is being written: still this worker's until it is decided. */
  private final Set<Execution> recording = ConcurrentHashMap.newKeySet();
  /** Slots without a task; a claim takes one, the end of its run gives it back. */
  private final Semaphore free = new Semaphore(0);
  /** Claimed tasks on their way to a slot's thread: never more than the slots the fetcher took for them. */
  private final BlockingQueue<Execution> claimed = new LinkedBlockingQueue<>();
  private volatile String brokerError; // the last failure to reach the broker; null once the fetcher reached it again
  private final Loop loop = new Loop();

  public void start() {
    outcomes.start(threadFactory);
    free.release(settings.slots());
    for (int i = 0; i < settings.slots(); i++) {
      loop.start(threadFactory, "baton-slot-" + (i + 1), new Slot());
    }
    loop.start(threadFactory, "baton-fetcher", new Fetcher());
    LOG.info(() -> settings.workerId() + " consumes with " + settings.slots() + " slots, types " + handlers.types());
  }

  /** Tasks running right now. */
  public int busy() {
    return running.size();
  }

  /** The tasks this worker holds: running, on their way to a slot, or ended with their outcome being written. */
  public List<String> runningTaskIds() {
    return Stream.concat(running.stream(), recording.stream()).map(Execution::taskId).distinct().sorted().toList();
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
    long deadline = System.nanoTime() + grace.toNanos();
    loop.join(grace);
    outcomes.stop(Duration.ofNanos(Math.max(0, deadline - System.nanoTime()))); // what ended is written before the worker goes
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

  /** Takes messages from the broker while slots are free, and claims their tasks. */
  private final class Fetcher implements Runnable {
    private long backoff = 0;
    /** Free slots this thread has taken for the message it asks for or handles now. */
    private int held = 0;

    @Override
    public void run() {
      try (JmsTaskInbox inbox = new JmsTaskInbox(brokerEndpoint, settings.workerId(), 0)) {
        while (!isStopping()) {
          try {
            if (state.awaitUnfrozen(RECEIVE_WAIT.toMillis())) {
              continue; // a simulated hang: take no work
            }
            if (!free.tryAcquire(RECEIVE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
              continue; // every slot busy
            }
            held = 1 + free.drainPermits();
            // asking with its busy slots: of the workers waiting, the least busy is served first (ADR 0022)
            Optional<Delivery> delivery = inbox.receive(RECEIVE_WAIT, settings.slots() - held);
            if (brokerError != null) {
              brokerError = null;
            }
            if (delivery.isPresent()) {
              handle(inbox, delivery.get());
            }
            backoff = 0;
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          } catch (BrokerUnavailableException e) {
            brokerError = String.valueOf(e.getMessage());
            LOG.log(Level.WARNING, "cannot reach the broker, retrying: {0}", e.getMessage());
            backOff();
          } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "fetcher error, continuing", e);
            backOff();
          } finally {
            free.release(held);
            held = 0;
          }
        }
      }
    }

    /**
     * Claims the message's tasks into the slots held, then into slots that free up within {@link #HOLD_FOR_A_SLOT}
     * (a deep backlog of short tasks: one is about to end); what finds no slot by then goes back to the broker.
     */
    private void handle(JmsTaskInbox inbox, Delivery delivery) throws InterruptedException {
      List<DispatchOrder> orders = delivery.orders();
      DispatchOrder first = delivery.order(); // a message's orders share type, queue, priority and target
      if (isStopping()) {
        inbox.release();
        return;
      }
      if (handlers.forType(first.type()).isEmpty() || !settings.takesFrom(first.queue())) {
        // Not ours to run: give it back untouched; the broker redelivers it (with a growing delay).
        inbox.release();
        LOG.fine(() -> "released " + orders.size() + " task(s): not taking type " + first.type() + " from queue " + first.queue());
        return;
      }
      int next = 0;
      while (next < orders.size()) {
        List<DispatchOrder> take = orders.subList(next, Math.min(orders.size(), next + held));
        List<ClaimResult> results;
        try {
          results = outcomes.claim(settings.workerId(), take); // with the outcomes queued by then (ADR 0059)
        } catch (StoreUnavailableException e) {
          // Undecided: give the message back; it comes again after the broker's redelivery delay (the tasks
          // claimed before are refused as stale then, and run here).
          inbox.release();
          Structured.log(LOG, Level.WARNING, "task.claim_failed", first.taskId(), settings.workerId(), first.epoch(), () -> "cannot claim " + take.size() + " task(s), Redis is unavailable: " + e.getMessage());
          backOff();
          return;
        }
        if (results.stream().anyMatch(r -> r.outcome() == ClaimResult.Outcome.WORKER_FAILED)) {
          // declared failed and not rejoined yet: nothing was claimed (the status is read once per call); leave
          // the tasks to a live worker
          inbox.release();
          backOff();
          return;
        }
        for (int i = 0; i < take.size(); i++) {
          ClaimResult claim = results.get(i);
          DispatchOrder order = take.get(i);
          if (claim.isClaimed()) {
            Execution ex = new Execution(claim.claim());
            running.add(ex); // before a slot takes it, so a cancel or migration finds it
            claimed.add(ex);
            held--;
          } else {
            Structured.log(LOG, Level.FINE, "task.claim_refused", order.taskId(), settings.workerId(), order.epoch(), () -> "dropped message for " + order.taskId() + ": " + claim.detail());
          }
        }
        next += take.size();
        if (next < orders.size() && held == 0) {
          if (isStopping() || !free.tryAcquire(HOLD_FOR_A_SLOT.toMillis(), TimeUnit.MILLISECONDS)) {
            break;
          }
          held = 1 + free.drainPermits();
        }
      }
      try {
        inbox.handBack(orders.subList(next, orders.size()));
        inbox.acknowledge();
      } catch (BrokerUnavailableException e) {
        // The claims stand; the message comes again: each claimed task's claim is refused as stale then, the
        // others are claimed by whoever receives it.
        Structured.log(LOG, Level.WARNING, "task.ack_failed", first.taskId(), settings.workerId(), first.epoch(), () -> "could not settle a message of " + orders.size() + " task(s): " + e.getMessage());
      }
    }

    private void backOff() {
      backoff = backoff == 0 ? 200 : Math.min(backoff * 2, 5_000);
      loop.pause(backoff);
    }
  }

  /** Runs claimed tasks, one at a time; the slot is free again when its task's run ends. */
  private final class Slot implements Runnable {
    @Override
    public void run() {
      while (!isStopping() || !claimed.isEmpty()) {
        Execution ex;
        try {
          ex = claimed.poll(RECEIVE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        if (ex != null) {
          runOne(ex);
        }
      }
    }

    private void runOne(Execution ex) {
      ex.runOn(Thread.currentThread());
      CompletableFuture<?> recorded = null;
      try {
        if (isStopping()) {
          ex.requestStop(Execution.Stop.SHUTDOWN, "worker " + settings.workerId() + " is shutting down");
        }
        recorded = runner.run(ex);
      } catch (RuntimeException e) {
        LOG.log(Level.SEVERE, "slot error, continuing", e);
      } finally {
        if (recorded != null && !recorded.isDone()) {
          recording.add(ex); // before it leaves `running`: the heartbeat never finds it held by nobody
          recorded.whenComplete((r, error) -> recording.remove(ex));
        }
        running.remove(ex); // out of reach of cancels and interrupts: its thread runs other tasks now
        free.release();
        Thread.interrupted(); // an interrupt meant for a cancelled task must not reach the next one
      }
    }
  }
}
