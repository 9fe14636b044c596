package dev.baton.queue;

import java.time.Instant;
import java.util.Map;

/**
 * A named queue as stored: its state and limits, and what its tasks do.
 *
 * @param counts its tasks per status (statuses with none left out)
 * @param parked its tasks it holds back now (paused, stopped, at a limit)
 * @param completedRecently completions within the last {@code window} seconds asked for
 * @param completed completions ever
 * @param waitMsTotal the sum over the completed tasks of the time from submit to first start (ms)
 * @param runMsTotal the sum over the completed tasks of the time from first start to completion (ms)
 * @param changedAt when a person last changed its state or limits, or null if never
 * @param owner the user who may pause, resume, stop and start it besides the admins, or null (only admins may)
 */
public record QueueRecord(
    String name,
    QueueState state,
    QueueLimits limits,
    Map<String, Long> counts,
    long parked,
    long completedRecently,
    long completed,
    long waitMsTotal,
    long runMsTotal,
    Instant changedAt,
    String changedBy,
    String owner) {}
