package dev.baton.queue;

/** What a named queue does with its tasks. */
public enum QueueState {
  /** Its tasks start as workers and its limits allow. */
  ACTIVE,
  /** Nothing new starts; running tasks finish. */
  PAUSED,
  /** Nothing new starts; running tasks hand back at their next step boundary, with a checkpoint, and wait. */
  STOPPED;

  /** As stored and shown: lower case. */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static QueueState of(String stored) {
    return stored == null || stored.isEmpty() ? ACTIVE : valueOf(stored.toUpperCase(java.util.Locale.ROOT));
  }
}
