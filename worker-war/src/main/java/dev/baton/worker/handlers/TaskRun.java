package dev.baton.worker.handlers;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * One execution of a task, driven step by step by the runner. Between two steps is a safe point: the run's
 * state is complete and {@link #checkpoint()} captures it, so the task can stop there (to migrate, on
 * shutdown) and resume anywhere.
 */
public interface TaskRun extends AutoCloseable {

  boolean isDone();

  /** One unit of work. Must leave the state consistent, or throw before changing it. */
  void step() throws Exception;

  /** 0 to 100. */
  int progress();

  String progressMessage();

  /** The state at this safe point, as JSON; {@link TaskHandler#start} accepts it back. */
  JsonObject checkpoint();

  /** True at a step boundary the handler wants checkpointed now (besides the runner's interval). */
  default boolean wantsCheckpoint() {
    return false;
  }

  /**
   * The attempt reached its soft time limit (called once, between two steps): wrap up if the handler can, e.g.
   * finish early with a partial result, or keep going; the hard limit stops the attempt. The runner writes a
   * checkpoint right after, so the work done so far is kept for the next attempt.
   */
  default void softTimeLimitReached() {}

  /** The result, once {@link #isDone()}. */
  JsonValue result();

  @Override
  default void close() throws Exception {}
}
