package dev.baton.task;

import java.util.List;

/**
 * A worker hands in how its attempts ended and takes the tasks of the message it received meanwhile, in one round
 * trip instead of two (ADR 0059): under a deep backlog a worker has both at once, every few milliseconds. One of the
 * hot path's narrow interfaces, next to {@link Outcomes} and {@link Claims}, deciding each exactly as they do.
 */
public interface OutcomesThenClaims {

  /** What one call decided: one result per outcome and one per order, each in the order given. */
  record Decided(List<WriteResult> written, List<ClaimResult> claimed) {}

  /**
   * Records the outcomes, then claims the orders for {@code workerId}: the outcomes first, so that the queue places
   * they free count for the claims.
   *
   * @throws dev.baton.store.StoreUnavailableException if the store cannot be reached: nothing is decided for sure (a
   *     retried outcome that was recorded is refused as stale; a redelivered message finds its claimed tasks stale)
   */
  Decided recordThenClaim(List<AttemptOutcome> outcomes, String workerId, List<DispatchOrder> orders);
}
