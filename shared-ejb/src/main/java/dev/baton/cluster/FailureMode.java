package dev.baton.cluster;

/** How a worker is made to fail on purpose (POST /api/workers/{id}/fail). */
public enum FailureMode {
  /** The process halts at once, as after kill -9. */
  CRASH,
  /** Heartbeats and work stop, the broker connection stays open: a frozen JVM. */
  HANG,
  /** Heartbeats stop, work goes on: the zombie the epoch must fence. */
  PARTITION
}
