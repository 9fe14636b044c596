package dev.baton.task;

import java.util.List;
import java.util.Map;

/**
 * Counts for the status page.
 *
 * @param completedPerSecond completions in each of the last full seconds, newest first (Redis clock)
 * @param pendingDispatches tasks accepted but not yet claimed, whose send is scheduled
 * @param totals running totals: submitted, completed, failed
 */
public record TaskStats(Map<TaskStatus, Long> byStatus, List<Long> completedPerSecond, long pendingDispatches, Map<String, Long> totals) {

  /** Mean completions per second over the last {@code seconds} (at most the window asked for). */
  public double completionsPerSecond(int seconds) {
    int n = Math.min(seconds, completedPerSecond.size());
    return n == 0 ? 0 : completedPerSecond.subList(0, n).stream().mapToLong(Long::longValue).sum() / (double) n;
  }
}
