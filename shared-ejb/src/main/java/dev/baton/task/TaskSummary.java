package dev.baton.task;

import java.time.Instant;

/**
 * What a picture of the cluster shows of a task: where it is and how far, without its data or result.
 *
 * @param checkpointProgress the progress its last checkpoint saved (where it would resume), or null
 * @param migrationTarget for a MIGRATING task: the worker it is moving to
 * @param released for a MIGRATING task: its source has let go (it waits for the target to claim it)
 */
public record TaskSummary(
    String id,
    TaskStatus status,
    String type,
    int priority,
    int progress,
    String progressMessage,
    String workerId,
    long epoch,
    int attempt,
    int checkpoints,
    Integer checkpointProgress,
    Instant lastCheckpointAt,
    String migrationTarget,
    boolean released,
    Instant createdAt,
    Instant startedAt,
    Instant updatedAt) {}
