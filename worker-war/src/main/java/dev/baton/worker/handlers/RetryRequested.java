package dev.baton.worker.handlers;

import java.time.Duration;

/**
 * Thrown by a handler for an error worth another attempt later, like Celery's {@code
 * self.retry(countdown=...)}: the task goes RETRYING if its retry policy has a retry left, and FAILED if
 * not. The next attempt resumes from the last checkpoint, on any worker.
 */
public class RetryRequested extends Exception {
  private static final long serialVersionUID = 1L;
  private final Duration countdown;

  /** @param countdown the delay before the next attempt, or {@code null} for the policy's */
  public RetryRequested(Duration countdown, String reason) {
    super(reason, null, false, false);
    this.countdown = countdown;
  }

  public Duration countdown() {
    return countdown;
  }
}
