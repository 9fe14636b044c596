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
    /** Someone cancelled the task: stop and record it CANCELLED. */
    CANCEL,
    /** The attempt ran past its hard time limit: stop, and it fails ("time limit"); the retry policy applies. */
    TIME_LIMIT,
    /** The task is no longer ours (this worker was declared failed): stop, write nothing. */
    ABANDON
  }

  private final Claim claim;
  private final CountDownLatch stop = new CountDownLatch(1);
  private volatile Stop kind;
  private volatile String reason;
  private volatile long stopRequestedAtNanos;
  private volatile Thread runner;
  private volatile boolean interrupted;

  private final long startedNanos = System.nanoTime();
  private boolean softLimitSignalled;

  public Execution(Claim claim) {
    this.claim = claim;
  }

  /** Past the hard time limit of this attempt (counted from the claim). */
  public boolean pastHardLimit() {
    Integer limit = claim.limits().timeLimitS();
    return limit != null && System.nanoTime() - startedNanos >= limit * 1_000_000_000L;
  }

  /** True once, the first time it is asked after the soft time limit of this attempt has passed. */
  public boolean softLimitJustReached() {
    Integer limit = claim.limits().softTimeLimitS();
    if (limit == null || softLimitSignalled || System.nanoTime() - startedNanos < limit * 1_000_000_000L) {
      return false;
    }
    softLimitSignalled = true;
    return true;
  }

  /** Why the hard limit stopped it, for the attempt's error. */
  public String timeLimitReason() {
    return "time limit of " + claim.limits().timeLimitS() + " s exceeded";
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
      this.stopRequestedAtNanos = System.nanoTime();
    }
    stop.countDown();
  }

  /** The thread that runs this task, so a handler stuck inside one step can be interrupted. */
  public void runOn(Thread thread) {
    this.runner = thread;
  }

  /**
   * Checked every heartbeat: past its hard time limit, the task is stopped and its thread interrupted; a
   * cancel asked for {@code grace} ago whose handler has not reached a step boundary has its thread
   * interrupted (once), so a step stuck in a wait or in I/O ends.
   *
   * @return true if it interrupted the thread now
   */
  public boolean interruptIfStuck(java.time.Duration grace) {
    if (kind == null && pastHardLimit()) {
      requestStop(Stop.TIME_LIMIT, timeLimitReason()); // waits in the step end now; a stuck step is interrupted
    }
    Thread t = runner;
    boolean due =
        kind == Stop.TIME_LIMIT || (kind == Stop.CANCEL && System.nanoTime() - stopRequestedAtNanos > grace.toNanos());
    if (due && !interrupted && t != null) {
      interrupted = true;
      t.interrupt();
      return true;
    }
    return false;
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
