package dev.baton.task;

/**
 * What a worker gets when its claim succeeds: the new epoch (its fencing token for every later write) and
 * everything needed to run or resume the task.
 *
 * @param checkpoint the last checkpoint as JSON text, or {@code null} to start from scratch
 * @param checkpointIntervalS the task's own interval, or {@code null} for the worker's default
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
    int progress) {}
