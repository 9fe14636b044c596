package dev.baton.queue;

import java.time.Duration;

/**
 * A queue's limits across the whole cluster: at most {@code concurrency} of its tasks run at once, at most
 * {@code rateMax} start within any {@code ratePer}. Null: no such limit.
 */
public record QueueLimits(Integer concurrency, Integer rateMax, Duration ratePer) {
  public static final QueueLimits NONE = new QueueLimits(null, null, null);
}
