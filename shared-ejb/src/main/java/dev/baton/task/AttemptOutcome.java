package dev.baton.task;

import java.time.Duration;

/**
 * How an attempt ended, as its worker records it (fenced by {@code epoch}).
 *
 * @param payload the result JSON (COMPLETED), the error text (FAILED, RETRY), or where it stopped (CANCELLED)
 * @param retryIn the delay before the next attempt if the task's policy has one left, else null
 */
public record AttemptOutcome(String taskId, long epoch, Kind kind, String payload, String workerId, Duration retryIn) {
  public enum Kind {
    COMPLETED,
    /** stopped at a step boundary because it was cancelled */
    CANCELLED,
    FAILED,
    /** the handler asked for another attempt itself */
    RETRY
  }
}
