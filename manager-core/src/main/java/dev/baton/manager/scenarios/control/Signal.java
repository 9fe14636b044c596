package dev.baton.manager.scenarios.control;

/** Wakes waiting scenario steps when something happened in the cluster, so they re-check at once. */
final class Signal {
  private final Object lock = new Object();
  private long changes;

  void changed() {
    synchronized (lock) {
      changes++;
      lock.notifyAll();
    }
  }

  /** Waits until the next change, at most {@code maxMillis}. */
  void awaitChange(long maxMillis) {
    synchronized (lock) {
      long seen = changes;
      long deadline = System.currentTimeMillis() + Math.max(1, maxMillis);
      while (changes == seen) {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          return;
        }
        try {
          lock.wait(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
