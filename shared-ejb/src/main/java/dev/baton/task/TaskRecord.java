package dev.baton.task;

import java.time.Instant;

/**
 * A task as stored: what the API shows. JSON-valued fields ({@code data}, {@code result}, {@code
 * checkpointData}) are kept as JSON text; {@code null} where not (yet) set.
 *
 * @param retries how many retries it has had (failed attempts that ran again)
 * @param wakeAt for a SCHEDULED or RETRYING task: when it is queued again
 * @param runAt when it was asked to run (a delayed task), or {@code null}
 * @param queue its named queue
 * @param parkedReason why its queue holds it back (paused, stopped, at a limit), or {@code null}
 * @param critical notifications about it are marked critical
 * @param owner the user who submitted it, or null (see TaskMeta)
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
    int dispatches,
    RetryPolicy retry,
    int retries,
    Instant wakeAt,
    Instant runAt,
    TaskLimits limits,
    TaskDependencies dependencies,
    String label,
    String queue,
    String parkedReason,
    boolean critical,
    String owner) {}
