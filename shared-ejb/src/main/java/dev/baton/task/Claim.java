package dev.baton.task;

/**
 * What a worker gets when its claim succeeds: the new epoch (its fencing token for every later write) and
 * everything needed to run or resume the task.
 *
 * @param checkpoint the last checkpoint as JSON text, or {@code null} to start from scratch
 * @param checkpointIntervalS the task's own interval, or {@code null} for the worker's default
 * @param retries how many retries the task has had so far (its failed attempts)
 * @param retry its retry policy, for the delay before the next retry should this attempt fail
 * @param limits its time limits (the expiry has been checked by the claim)
 * @param parentResults the results of the tasks it depends on, as a JSON object by task id, or {@code null}
 */
public record Claim(
    String taskId,
    long epoch,
    int attempt,
    String type,
    String data,
    String checkpoint,
    int priority,
    Integer checkpointIntervalS,
    int progress,
    int retries,
    RetryPolicy retry,
    TaskLimits limits,
    String parentResults) {

  /** The delay before the next attempt if this one fails, or {@code null} if no retry is left. */
  public java.time.Duration nextRetryDelay(java.util.function.DoubleSupplier random) {
    return retries < retry.maxRetries() ? retry.delayBefore(retries + 1, random) : null;
  }
}
