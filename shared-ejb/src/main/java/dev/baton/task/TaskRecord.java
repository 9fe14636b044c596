package dev.baton.task;

import java.time.Instant;

/**
 * A task as stored: what the API shows. JSON-valued fields ({@code data}, {@code result}, {@code
 * checkpointData}) are kept as JSON text; {@code null} where not (yet) set.
 */
public record TaskRecord(
    String id,
    String type,
    TaskStatus status,
    int priority,
    String data,
    int progress,
    String progressMessage,
    String workerId,
    long epoch,
    int attempt,
    Instant createdAt,
    Instant updatedAt,
    Instant startedAt,
    Instant finishedAt,
    String result,
    String error,
    String checkpointData,
    Instant lastCheckpointAt,
    int checkpoints,
    Integer checkpointIntervalS,
    int dispatches) {}
