package dev.baton.worker.execution;

import dev.baton.task.Claim;
import dev.baton.worker.handlers.Pacer;
import dev.baton.worker.handlers.StopRequested;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One claimed task on this worker: its fencing token (the epoch of the claim) and the signal to stop it at
 * the next safe point.
 */
public final class Execution implements Pacer {
  private final Claim claim;
  private final CountDownLatch stop = new CountDownLatch(1);
  private volatile String stopReason;

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

  /** Asks the task to stop at its next safe point; waits inside a step end at once. */
  public void requestStop(String reason) {
    stopReason = reason;
    stop.countDown();
  }

  public boolean isStopRequested() {
    return stopReason != null;
  }

  public String stopReason() {
    return stopReason;
  }

  @Override
  public void pause(long millis) {
    try {
      if (stop.await(millis, TimeUnit.MILLISECONDS)) {
        throw new StopRequested(stopReason);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StopRequested("interrupted");
    }
  }
}
