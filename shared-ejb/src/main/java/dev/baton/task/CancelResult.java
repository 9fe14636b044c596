package dev.baton.task;

/**
 * The answer to a cancel.
 *
 * @param finalStatus for FINAL: the status the task had already ended in
 * @param epoch the task's epoch after the cancel (CANCELLED) or its owner's (REQUESTED)
 * @param owner for REQUESTED: the worker asked to stop it
 */
public record CancelResult(Outcome outcome, TaskStatus finalStatus, long epoch, String owner) {
  public enum Outcome {
    /** No worker owned it: CANCELLED now. */
    CANCELLED,
    /** Its owner stops it at its next step boundary (or it is cancelled anyway after the grace period). */
    REQUESTED,
    /** It had already ended: nothing to cancel. */
    FINAL,
    MISSING
  }
}
