package dev.baton.manager.cluster.entity;

/**
 * How a worker is doing as a person should see it: what the cluster believes (its status) together with
 * what is really there (is its process alive? does it still write?).
 *
 * @param label a word or two, always shown with the colour (colour is never the only signal)
 * @param detail why, in a sentence
 */
public record WorkerCondition(Code code, String label, String detail) {

  public enum Code {
    /** Heartbeating and taking tasks. */
    UP,
    /** Alive, but its heartbeats are late: the failure detector acts if none comes before its lease ends. */
    LATE,
    /** Heartbeating but slowed down; the balancer moves its tasks away. */
    OVERLOADED,
    /** Declared failed and its process is gone (crashed, killed). */
    FAILED,
    /** Declared failed, its process is alive but silent (frozen, hung). */
    HUNG,
    /** Declared failed, but it is alive and still working (cut off): a zombie whose writes are refused. */
    ZOMBIE,
    /** Left cleanly. */
    DOWN
  }
}
