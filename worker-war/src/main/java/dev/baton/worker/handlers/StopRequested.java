package dev.baton.worker.handlers;

/** Thrown out of a step when the runner must stop the task at once (it resumes from its checkpoint). */
public class StopRequested extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StopRequested(String reason) {
    super(reason, null, false, false);
  }
}
