package dev.baton.task;

/** A task with this id exists already; nothing was written. */
public class DuplicateTaskException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String taskId;

  public DuplicateTaskException(String taskId) {
    super("a task with id " + taskId + " exists already");
    this.taskId = taskId;
  }

  public String taskId() {
    return taskId;
  }
}
