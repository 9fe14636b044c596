package dev.baton.task;

/**
 * The answer to a migration request.
 *
 * @param epoch the task's epoch when the request was accepted (its owner's fencing token)
 * @param worker for REQUESTED: the source; for SAME_WORKER: the worker it already runs on
 * @param status for NOT_RUNNING: the status the task is in
 */
public record MigrationRequest(Outcome outcome, long epoch, String worker, TaskStatus status) {
  public enum Outcome {
    REQUESTED,
    MISSING,
    NOT_RUNNING,
    SAME_WORKER,
    TARGET_GONE
  }
}
