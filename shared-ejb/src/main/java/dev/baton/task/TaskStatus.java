package dev.baton.task;

/**
 * Every state a task can be in. Which state may follow which is decided in one place only: {@link
 * TaskTransitions}.
 */
public enum TaskStatus {
  /** Accepted and queued; any worker with a free slot may claim it. */
  CREATED,
  /** Waits for the tasks it depends on. */
  WAITING,
  /** Not due yet (a countdown, an eta or the next run of a periodic task). */
  SCHEDULED,
  /** An attempt failed and retries are left; the next attempt is due after a backoff. */
  RETRYING,
  /** Claimed by a worker, which has not started it yet. */
  ASSIGNED,
  /** A worker runs it. */
  RUNNING,
  /** Leaves its worker at the next step boundary, to resume on another. */
  MIGRATING,
  /**
   * A migration's source let go of it (with a final checkpoint, or forced after the deadline); nobody owns
   * it, and only the migration's target may claim it.
   */
  RELEASED,
  /** Its worker died; waits to resume from its last checkpoint on a live worker. */
  RECOVERING,
  /** Finished with a result. Terminal. */
  COMPLETED,
  /** Finished with an error, no retries left. A person may requeue it. */
  FAILED,
  /** Stopped by a person. Terminal. */
  CANCELLED,
  /** Never ran because a task it depends on did not complete. Terminal. */
  SKIPPED,
  /** Given up on without a verdict of its own (crash loops, no worker for it). A person may requeue it. */
  DEAD;

  /** A state no worker or scheduler will ever move the task out of by itself. */
  public boolean isFinal() {
    return this == COMPLETED || this == FAILED || this == CANCELLED || this == SKIPPED || this == DEAD;
  }

  /** A worker owns the task: it must heartbeat, and its writes are fenced by the epoch. */
  public boolean isOwned() {
    return this == ASSIGNED || this == RUNNING || this == MIGRATING;
  }

  /** Waits for a timer (its run_at, or the backoff before its next attempt), kept in Redis. */
  public boolean waitsForTimer() {
    return this == SCHEDULED || this == RETRYING;
  }
}
