package dev.baton.task;

import java.util.List;

/**
 * Workers record how attempts ended: each outcome fenced by its epoch, and the transition table refuses a second
 * one, so a result is recorded once. One of the hot path's narrow interfaces (ADR 0055).
 */
public interface Outcomes {

  /**
   * Records these outcomes in one round trip, each decided on its own.
   *
   * @return one result per outcome, in the same order; FENCED where the task moved on (or, should it ever happen,
   *     where the transition table refuses the outcome)
   * @throws dev.baton.store.StoreUnavailableException if the store cannot be reached: some may be recorded; a retry
   *     of a recorded one is refused as stale, never recorded twice
   */
  List<WriteResult> record(List<AttemptOutcome> outcomes);
}
