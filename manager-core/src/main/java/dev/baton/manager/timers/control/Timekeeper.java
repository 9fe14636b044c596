package dev.baton.manager.timers.control;

import dev.baton.concurrent.Loop;
import dev.baton.logging.Structured;
import dev.baton.manager.config.ManagerSettings;
import dev.baton.manager.config.Threads;
import dev.baton.manager.tasks.control.Dispatcher;
import dev.baton.manager.tasks.control.TaskRetention;
import dev.baton.store.DueTimers;
import dev.baton.store.RedisTaskStore;
import dev.baton.store.StoreUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Acts on Baton's timers, which live in Redis (one sorted set, see {@code timers.lua}), never in this JVM:
 * a manager that dies loses none, and with two managers each due timer is taken by exactly one. Due
 * SCHEDULED and RETRYING tasks are queued in the same atomic step that takes their timer; this loop
 * sends them to the broker at once. It looks again when the next timer is due, at least every {@value
 * #MAX_WAIT_MS} ms (a timer another manager or a worker set meanwhile may be earlier).
 */
@ApplicationScoped
public class Timekeeper {
  private static final Logger LOG = Logger.getLogger(Timekeeper.class.getName());
  static final long MAX_WAIT_MS = 50;
  private static final int BATCH = 500;
  private static final Duration LEASE = Duration.ofSeconds(30);
  /** How long past a hard time limit a worker has to stop the task itself (it checks every heartbeat). */
  private static final Duration TIME_LIMIT_GRACE = Duration.ofSeconds(5);

  @Inject Threads threads;
  @Inject ManagerSettings settings;
  @Inject RedisTaskStore store;
  @Inject Dispatcher dispatcher;
  @Inject dev.baton.manager.schedules.control.Schedules schedules;
  @Inject TaskRetention retention;

  private final Loop loop = new Loop();

  public void start() {
    loop.start(threads.factory(), "baton-timekeeper", this::run);
  }

  public void stop() {
    loop.stop(Duration.ofSeconds(5));
  }

  public boolean isRunning() {
    return loop.isRunning();
  }

  /** A due timer of a kind Java handles (the task timers are handled in Redis, see timers.lua). */
  private void handle(DueTimers.Leased t) {
    switch (t.kind()) {
      case "limit" -> enforceTimeLimit(t.subject());
      case "cron" -> schedules.tick(t.subject(), t.due());
      case "retention" -> store.armTimer(t.member(), retention.sweep() ? Instant.now() : Instant.now().plus(TaskRetention.EVERY), false);
      default -> LOG.warning(() -> "no handler for timer " + t.member() + "; it comes back after the lease");
    }
  }

  /** A task past its hard time limit whose worker did not stop it: its attempt fails, its retry policy applies. */
  private void enforceTimeLimit(String taskId) {
    store
        .find(taskId)
        .ifPresent(
            t -> {
              Duration retryIn =
                  t.retries() < t.retry().maxRetries() ? t.retry().delayBefore(t.retries() + 1, ThreadLocalRandom.current()::nextDouble) : null;
              store
                  .enforceTimeLimit(taskId, retryIn, TIME_LIMIT_GRACE)
                  .ifPresent(s -> Structured.log(LOG, Level.WARNING, "task.time_limit_enforced", taskId, t.workerId(), t.epoch(), () -> "task " + taskId + " ran past its time limit and its worker did not stop it: " + s));
            });
  }

  private void run() {
    long backoff = 0;
    long armCheck = 0;
    while (!loop.isStopping()) {
      long wait = MAX_WAIT_MS;
      try {
        if (System.nanoTime() - armCheck > 0) {
          // Retention's timer re-arms itself; arming it if absent (once a minute) also covers a Redis that lost it.
          store.armTimer(TaskRetention.TIMER, Instant.now(), true);
          armCheck = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        }
        DueTimers due = store.takeDueTimers(BATCH, LEASE, settings.dispatchTimeout());
        dispatcher.enqueue(due.send());
        for (DueTimers.Leased t : due.leased()) {
          handle(t);
        }
        if (due.send().size() + due.leased().size() >= BATCH) {
          wait = 0; // more are due
        } else if (due.nextDue() != null) {
          wait = Math.max(0, Math.min(MAX_WAIT_MS, due.nextDue().toEpochMilli() - Instant.now().toEpochMilli()));
        }
        backoff = 0;
      } catch (StoreUnavailableException e) {
        backoff = backoff == 0 ? 200 : Math.min(backoff * 2, 5_000);
        wait = backoff; // the timers wait in Redis; nothing is lost
      } catch (RuntimeException e) {
        LOG.log(Level.SEVERE, "timekeeper error, continuing", e);
        wait = 1_000;
      }
      if (wait > 0 && loop.pause(wait)) {
        return;
      }
    }
  }
}
