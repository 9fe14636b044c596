package dev.baton.store;

import dev.baton.task.TaskStatus;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * What a create did.
 *
 * @param at the creation time of the batch
 * @param moved the tasks that did not stay WAITING, with their status: their parents had all completed
 *     (CREATED or SCHEDULED), or one had failed (SKIPPED) or been cancelled (CANCELLED)
 * @param existing the tasks not created because their idempotency key had made one already: their id in
 *     the request -> the id of the task made the first time
 * @param parked the new CREATED tasks their queue holds back (paused, stopped, full): not to be sent now
 */
public record Created(Instant at, Map<String, TaskStatus> moved, Map<String, String> existing, Set<String> parked) {}
