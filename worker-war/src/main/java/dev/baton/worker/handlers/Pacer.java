package dev.baton.worker.handlers;

/**
 * Waiting inside a step. A handler waits through this, never with Thread.sleep, so that a task asked to
 * stop (migration, shutdown) leaves its step at once instead of sleeping on.
 */
@FunctionalInterface
public interface Pacer {
  /**
   * Waits {@code millis}.
   *
   * @throws StopRequested if the task must stop; the step must not have changed the run's state yet
   */
  void pause(long millis);

  /** A pacer that never stops early, for tests. */
  Pacer UNINTERRUPTED =
      millis -> {
        try {
          Thread.sleep(millis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new StopRequested("interrupted");
        }
      };
}
