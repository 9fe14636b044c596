package dev.baton.task;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * How a failed attempt is retried (Celery's {@code max_retries} and {@code retry_backoff}, BullMQ's
 * {@code attempts} and {@code backoff}). A worker crash is not a failed attempt: that is recovery.
 *
 * @param maxRetries how many times a failed task runs again, 0 to {@value #MAX_RETRIES}
 * @param delayMs the delay before the first retry; {@code fixed} keeps it, {@code exponential} doubles it
 *     each time, up to {@code maxDelayMs}
 */
public record RetryPolicy(int maxRetries, Backoff backoff, long delayMs, long maxDelayMs) {
  public static final int MAX_RETRIES = 100;
  public static final long DEFAULT_DELAY_MS = 1_000;
  public static final long DEFAULT_MAX_DELAY_MS = 300_000;
  /** The longest delay a policy may ask for: a day. */
  public static final long DELAY_LIMIT_MS = 86_400_000;
  /** No retries: a failed attempt is final. */
  public static final RetryPolicy NONE = new RetryPolicy(0, Backoff.EXPONENTIAL, DEFAULT_DELAY_MS, DEFAULT_MAX_DELAY_MS);

  public enum Backoff {
    /** The same delay before every retry. */
    FIXED,
    /**
     * Doubles the delay each retry, with "equal jitter": a random point in the upper half of it, so that tasks
     * failing together (a dependency went down) do not all come back at the same moment, yet each retry still
     * waits at least as long as the one before; then capped at the maximum.
     */
    EXPONENTIAL;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public RetryPolicy {
    if (maxRetries < 0 || maxRetries > MAX_RETRIES) {
      throw new IllegalArgumentException("max_retries out of range: " + maxRetries);
    }
    if (delayMs < 0 || maxDelayMs < delayMs || maxDelayMs > DELAY_LIMIT_MS) {
      throw new IllegalArgumentException("retry delays out of order: " + delayMs + " > " + maxDelayMs);
    }
  }

  /**
   * The delay before retry number {@code retry} (1 for the first).
   *
   * @param random a number in [0, 1), for the jitter
   */
  public Duration delayBefore(int retry, DoubleSupplier random) {
    if (retry < 1) {
      throw new IllegalArgumentException("retries count from 1: " + retry);
    }
    if (backoff == Backoff.FIXED) {
      return Duration.ofMillis(delayMs);
    }
    // delays are at most a day (2^27 ms), so a shift of up to 30 cannot overflow
    long full = delayMs << Math.min(retry - 1, 30);
    long half = full / 2;
    long jittered = full - half + (long) (random.getAsDouble() * (half + 1));
    return Duration.ofMillis(Math.min(maxDelayMs, jittered)); // capped after the jitter: still never shorter than the last
  }

  /** The fields stored with the task (none for {@link #NONE}). */
  public Map<String, String> asFields() {
    if (maxRetries == 0) {
      return Map.of();
    }
    return Map.of(
        "max_retries", Integer.toString(maxRetries),
        "retry_backoff", backoff.wireName(),
        "retry_delay_ms", Long.toString(delayMs),
        "retry_max_delay_ms", Long.toString(maxDelayMs));
  }

  /** Reads what {@link #asFields()} stored; absent fields mean {@link #NONE}. */
  public static RetryPolicy of(String maxRetries, String backoff, String delayMs, String maxDelayMs) {
    if (maxRetries == null || maxRetries.isEmpty() || "0".equals(maxRetries)) {
      return NONE;
    }
    return new RetryPolicy(
        Integer.parseInt(maxRetries),
        backoff == null || backoff.isEmpty() ? Backoff.EXPONENTIAL : Backoff.valueOf(backoff.toUpperCase(Locale.ROOT)),
        delayMs == null || delayMs.isEmpty() ? DEFAULT_DELAY_MS : Long.parseLong(delayMs),
        maxDelayMs == null || maxDelayMs.isEmpty() ? DEFAULT_MAX_DELAY_MS : Long.parseLong(maxDelayMs));
  }
}
