package dev.baton.worker.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * The failures and slowness this worker is asked to simulate (POST /api/workers/{id}/fail, /overload,
 * /recover): frozen (hang), cut off (partition), slowed down (overload).
 *
 * <p>It guards its state with a private lock, never with {@code synchronized} methods: Weld's client
 * proxy copies that modifier and locks itself, and a slot waiting in {@link #awaitUnfrozen} would hold
 * the proxy's lock while it waits, so that "recover" could not get in (seen: 10 s and more).
 */
@ApplicationScoped
public class WorkerState {
  private static final Logger LOG = Logger.getLogger(WorkerState.class.getName());

  /** Fired after every change, so that the cluster hears of it with the next heartbeat, sent at once. */
  public record Changed() {}

  @Inject Event<Changed> changed;
  private final Object lock = new Object();
  private boolean frozen;
  private boolean partitioned;
  private double overloadFactor = 1.0;
  private Instant overloadUntil = Instant.MIN;

  /** Heartbeats and work stop; the broker connection stays open. */
  public void hang() {
    synchronized (lock) {
      frozen = true;
    }
    LOG.warning("simulated failure: hang (no heartbeats, no work)");
    changed.fire(new Changed());
  }

  /** Heartbeats stop; work goes on. */
  public void partition() {
    synchronized (lock) {
      partitioned = true;
    }
    LOG.warning("simulated failure: partition (no heartbeats, work goes on)");
    changed.fire(new Changed());
  }

  /** Every step takes {@code factor} times as long, for {@code seconds}. */
  public void overload(double factor, int seconds) {
    synchronized (lock) {
      overloadFactor = factor;
      overloadUntil = Instant.now().plusSeconds(seconds);
    }
    LOG.warning(() -> "simulated overload: x" + factor + " for " + seconds + " s");
    changed.fire(new Changed());
  }

  /** Undoes hang, partition and overload. */
  public void recover() {
    synchronized (lock) {
      frozen = false;
      partitioned = false;
      overloadFactor = 1.0;
      overloadUntil = Instant.MIN;
      lock.notifyAll();
    }
    LOG.info("simulated failures undone");
    changed.fire(new Changed());
  }

  public boolean sendsHeartbeats() {
    synchronized (lock) {
      return !frozen && !partitioned;
    }
  }

  /** 1.0 when not overloaded; the overload ends by itself at its deadline. */
  public double overloadFactor() {
    synchronized (lock) {
      if (overloadFactor > 1.0 && Instant.now().isAfter(overloadUntil)) {
        overloadFactor = 1.0;
        LOG.info("overload over");
      }
      return overloadFactor;
    }
  }

  /** Blocks while the worker is frozen (at most {@code maxMillis}); returns whether it is still frozen. */
  public boolean awaitUnfrozen(long maxMillis) {
    long deadline = System.currentTimeMillis() + maxMillis;
    synchronized (lock) {
      while (frozen && System.currentTimeMillis() < deadline) {
        try {
          lock.wait(Math.max(1, deadline - System.currentTimeMillis()));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return frozen;
        }
      }
      return frozen;
    }
  }

  public boolean isFrozen() {
    synchronized (lock) {
      return frozen;
    }
  }
}
