package dev.baton.task;

/**
 * The answer to a fenced write by a task's owner. {@link Outcome#FENCED} means the writer is no longer the
 * owner (a newer epoch exists, or the task left RUNNING): it must stop working on the task.
 *
 * @param status the task's status as Redis saw it
 * @param cancelRequested someone cancelled the task: its owner stops at its next step boundary
 */
public record WriteResult(Outcome outcome, TaskStatus status, String detail, boolean cancelRequested) {
  public WriteResult(Outcome outcome, TaskStatus status, String detail) {
    this(outcome, status, detail, false);
  }

  public enum Outcome {
    OK,
    FENCED,
    MISSING
  }

  public boolean isOk() {
    return outcome == Outcome.OK;
  }
}
