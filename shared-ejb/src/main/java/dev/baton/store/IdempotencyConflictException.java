package dev.baton.store;

/** An idempotency key that made a task already came with another request; nothing was created. */
public class IdempotencyConflictException extends RuntimeException {
  private final String taskId;
  private final String key;
  private final String existingId;

  public IdempotencyConflictException(String taskId, String key, String existingId) {
    super("idempotency key " + key + " made task " + existingId + " with another request");
    this.taskId = taskId;
    this.key = key;
    this.existingId = existingId;
  }

  /** The id the refused task had in the request. */
  public String taskId() {
    return taskId;
  }

  public String key() {
    return key;
  }

  public String existingId() {
    return existingId;
  }
}
