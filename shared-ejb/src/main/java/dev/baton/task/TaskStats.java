package dev.baton.task;

import java.util.Map;

/**
 * Counts for the status page.
 *
 * @param completionsPerSecond mean over the window, by the Redis clock
 * @param pendingDispatches tasks accepted but not yet claimed, whose send is scheduled
 * @param totals running totals: submitted, completed, failed
 */
public record TaskStats(Map<TaskStatus, Long> byStatus, double completionsPerSecond, long pendingDispatches, Map<String, Long> totals) {}
