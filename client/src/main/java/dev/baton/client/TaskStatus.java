package dev.baton.client;

/** A task's status, as the API names it. */
public enum TaskStatus {
  CREATED, WAITING, SCHEDULED, RETRYING, ASSIGNED, RUNNING, MIGRATING, RELEASED, RECOVERING,
  COMPLETED, FAILED, CANCELLED, SKIPPED, DEAD;

  /** It will not change any more (unless someone retries a FAILED or DEAD task). */
  public boolean isFinal() {
    return switch (this) {
      case COMPLETED, FAILED, CANCELLED, SKIPPED, DEAD -> true;
      default -> false;
    };
  }
}
