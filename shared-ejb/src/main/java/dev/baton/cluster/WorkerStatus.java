package dev.baton.cluster;

/** What the cluster knows about a worker process. */
public enum WorkerStatus {
  /** Heartbeating, takes tasks. */
  UP,
  /** Heartbeating but slowed down; the balancer moves tasks away from it. */
  OVERLOADED,
  /** Declared dead by the failure detector (lease expired or connection lost). */
  FAILED,
  /** Left cleanly. */
  DOWN
}
