package dev.baton.task;

/** The answer to a claim: the claim itself, or why the worker must drop the message. */
public record ClaimResult(Outcome outcome, Claim claim, String detail) {
  public enum Outcome {
    CLAIMED,
    /** No such task (deleted, or a message from another installation). */
    MISSING,
    /** The message is older than the task's current epoch, or the task is no longer waiting for a worker. */
    STALE,
    /** The task waits for another worker. */
    NOT_TARGET,
    /** The claiming worker has been declared failed; it must not take tasks until it has rejoined. */
    WORKER_FAILED,
    /** Its queue holds it back (paused, stopped, at a limit): parked in Redis, sent again when the queue lets it. */
    PARKED
  }

  public static ClaimResult claimed(Claim claim) {
    return new ClaimResult(Outcome.CLAIMED, claim, "claimed");
  }

  public static ClaimResult refused(Outcome outcome, String detail) {
    return new ClaimResult(outcome, null, detail);
  }

  public boolean isClaimed() {
    return outcome == Outcome.CLAIMED;
  }
}
