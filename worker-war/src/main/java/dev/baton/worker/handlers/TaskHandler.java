package dev.baton.worker.handlers;

import dev.baton.task.TaskTypeDescriptor;

/**
 * Runs one task type. Each implementation is a CDI bean; adding a task type is adding one such class. The
 * worker advertises {@link #descriptor()} so the manager can validate submissions.
 */
public interface TaskHandler {

  /** The type's name, description and parameters. */
  TaskTypeDescriptor descriptor();

  default String type() {
    return descriptor().type();
  }

  /**
   * Prepares a run from scratch ({@code input.checkpoint() == null}) or from a checkpoint written by any
   * worker. A run resumed from any checkpoint must end with the same result as an uninterrupted one.
   */
  TaskRun start(TaskInput input) throws Exception;
}
