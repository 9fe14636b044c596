package dev.baton.task;

import java.time.Instant;

/**
 * What a picture of the cluster shows of a task: where it is and how far, without its data or result.
 *
 * @param checkpointProgress the progress its last checkpoint saved (where it would resume), or null
 * @param migrationTarget for a MIGRATING or RELEASED task: the worker it is moving to
 * @param wakeAt for a SCHEDULED or RETRYING task: when its timer ends
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
    Instant wakeAt,
    Instant createdAt,
    Instant startedAt,
    Instant updatedAt) {

  /** Its migration's source has let go; it waits for the target to claim it. */
  public boolean released() {
    return status == TaskStatus.RELEASED;
  }
}
