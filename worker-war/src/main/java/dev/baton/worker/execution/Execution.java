package dev.baton.worker.execution;

import dev.baton.task.Claim;
import dev.baton.worker.handlers.Pacer;
import dev.baton.worker.handlers.StopRequested;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One claimed task on this worker: its fencing token (the epoch of the claim) and the signal to stop it at
 * the next safe point, with what to do there.
 */
public final class Execution implements Pacer {

  /** Why a task must stop, which decides what happens at its safe point. */
  public enum Stop {
    /** The worker shuts down: checkpoint and hand the task back (RECOVERING) for any worker. */
    SHUTDOWN,
    /** The task migrates: checkpoint and hand it over to its target. */
    MIGRATE,
    /** The task is no longer ours (this worker was declared failed): stop, write nothing. */
    ABANDON
  }

  private final Claim claim;
  private final CountDownLatch stop = new CountDownLatch(1);
  private volatile Stop kind;
  private volatile String reason;

  public Execution(Claim claim) {
    this.claim = claim;
  }

  public Claim claim() {
    return claim;
  }

  public String taskId() {
    return claim.taskId();
  }

  public long epoch() {
    return claim.epoch();
  }

  /** Asks the task to stop at its next safe point; waits inside a step end at once. ABANDON overrides. */
  public synchronized void requestStop(Stop kind, String reason) {
    if (this.kind == null || kind == Stop.ABANDON) {
      this.kind = kind;
      this.reason = reason;
    }
    stop.countDown();
  }

  public boolean isStopRequested() {
    return kind != null;
  }

  /** What to do at the safe point; SHUTDOWN if the handler stopped by itself (interrupted). */
  public Stop stopKind() {
    return kind == null ? Stop.SHUTDOWN : kind;
  }

  public String stopReason() {
    return reason == null ? "interrupted" : reason;
  }

  @Override
  public void pause(long millis) {
    try {
      if (stop.await(millis, TimeUnit.MILLISECONDS)) {
        throw new StopRequested(stopReason());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StopRequested("interrupted");
    }
  }
}
