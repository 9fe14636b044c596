package dev.baton.schedule;

/**
 * What one tick did.
 *
 * @param taskId for FIRED the task created; for SKIPPED the previous one, still running
 */
public record FireResult(Outcome outcome, String taskId) {
  public enum Outcome {
    FIRED,
    /** Overlap "skip" and the previous task has not ended. */
    SKIPPED,
    /** Another manager took this tick, or the schedule changed since. */
    STALE,
    PAUSED,
    MISSING
  }
}
