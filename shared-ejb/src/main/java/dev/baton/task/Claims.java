package dev.baton.task;

import java.util.List;

/**
 * A worker takes the tasks of a dispatch message it received: each claim bumps the task's epoch (fencing every
 * earlier owner) and starts it, unless its queue holds it back. One of the hot path's narrow interfaces (ADR 0055).
 */
public interface Claims {

  /**
   * Claims these tasks for {@code workerId}, in order, in one round trip; each is decided on its own, exactly as if
   * claimed alone.
   *
   * @return one result per order, in the same order
   * @throws dev.baton.store.StoreUnavailableException if the store cannot be reached: nothing is decided for sure
   *     (some claims may have been taken; a redelivered message finds them stale)
   */
  List<ClaimResult> claim(String workerId, List<DispatchOrder> orders);
}
