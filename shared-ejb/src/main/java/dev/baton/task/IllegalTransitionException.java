package dev.baton.task;

/** A change of state the transition table does not allow. */
public class IllegalTransitionException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final TaskStatus from;
  private final TaskStatus to;

  public IllegalTransitionException(TaskStatus from, TaskStatus to) {
    super("a task cannot go from " + from + " to " + to);
    this.from = from;
    this.to = to;
  }

  public TaskStatus from() {
    return from;
  }

  public TaskStatus to() {
    return to;
  }
}
