package dev.baton.store;

import dev.baton.task.TaskStatus;
import java.time.Instant;
import java.util.Map;

/**
 * What a create did.
 *
 * @param at the creation time of the batch
 * @param moved the tasks that did not stay WAITING, with their status: their parents had all completed
 *     (CREATED or SCHEDULED), or one had failed (SKIPPED) or been cancelled (CANCELLED)
 */
public record Created(Instant at, Map<String, TaskStatus> moved) {}
