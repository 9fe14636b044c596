package dev.baton.manager.tasks.entity;

import java.util.List;

/**
 * What a submit did.
 *
 * @param tasks the tasks in the order given: as stored, or, for an idempotency key that made one before,
 *     that one
 * @param created how many were created now (0: the request was a repeat)
 */
public record Submission(List<TaskView> tasks, int created) {}
