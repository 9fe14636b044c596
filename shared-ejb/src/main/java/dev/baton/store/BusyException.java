package dev.baton.store;

/** Back pressure: so many accepted tasks wait to start that a create was refused; nothing was written. */
public class BusyException extends RuntimeException {
  private final long pending;

  public BusyException(long pending) {
    super(pending + " accepted tasks wait to start");
    this.pending = pending;
  }

  /** How many accepted tasks were waiting to start. */
  public long pending() {
    return pending;
  }
}
