package dev.baton.store;

/** A task named a parent that does not exist; nothing was created. */
public class UnknownParentException extends RuntimeException {
  private final String taskId;
  private final String parentId;

  public UnknownParentException(String taskId, String parentId) {
    super("task " + taskId + " depends on " + parentId + ", which does not exist");
    this.taskId = taskId;
    this.parentId = parentId;
  }

  public String taskId() {
    return taskId;
  }

  public String parentId() {
    return parentId;
  }
}
