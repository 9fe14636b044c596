package dev.baton.cluster;

/**
 * A command the manager sends to one worker over its control queue.
 *
 * @param taskId for MIGRATE: the task; @param epoch its owner's epoch; @param target the worker to move to
 * @param mode for FAIL: crash, hang or partition
 * @param factor for OVERLOAD: how many times slower; @param durationS for how long
 */
public record ControlCommand(Kind kind, String taskId, Long epoch, String target, FailureMode mode, Double factor, Integer durationS) {
  public enum Kind {
    MIGRATE,
    /** Stop the task at its next step boundary and record it CANCELLED. */
    CANCEL,
    FAIL,
    OVERLOAD,
    RECOVER
  }

  public static ControlCommand migrate(String taskId, long epoch, String target) {
    return new ControlCommand(Kind.MIGRATE, taskId, epoch, target, null, null, null);
  }

  public static ControlCommand cancel(String taskId, long epoch) {
    return new ControlCommand(Kind.CANCEL, taskId, epoch, null, null, null, null);
  }

  public static ControlCommand fail(FailureMode mode) {
    return new ControlCommand(Kind.FAIL, null, null, null, mode, null, null);
  }

  public static ControlCommand overload(double factor, int durationS) {
    return new ControlCommand(Kind.OVERLOAD, null, null, null, null, factor, durationS);
  }

  public static ControlCommand recover() {
    return new ControlCommand(Kind.RECOVER, null, null, null, null, null, null);
  }
}
