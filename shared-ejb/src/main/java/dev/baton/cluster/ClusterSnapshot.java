package dev.baton.cluster;

import dev.baton.task.TaskStatus;
import dev.baton.task.TaskSummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The cluster at one instant, read in one atomic step: the workers, the tasks they own or that are in
 * transit, the oldest waiting tasks, counts and rates.
 *
 * @param at Redis' clock when it was read
 * @param tasks every task a worker owns, plus those MIGRATING or RECOVERING (at most 100 of each)
 * @param waiting how many tasks are CREATED (waiting for a worker)
 * @param oldestWaiting the oldest of them, oldest first
 * @param completedPerSecond completions in each of the last full seconds, newest first
 * @param failedPerSecond failures likewise
 */
public record ClusterSnapshot(
    Instant at,
    List<WorkerRecord> workers,
    List<TaskSummary> tasks,
    long waiting,
    List<TaskSummary> oldestWaiting,
    Map<TaskStatus, Long> counts,
    Map<String, Long> totals,
    List<Long> completedPerSecond,
    List<Long> failedPerSecond) {}
