package dev.baton.task;

import java.time.Duration;
import java.util.Set;

/**
 * A transition the manager decides (recover, cancel, dead-letter, ...).
 *
 * @param onlyFrom act only if the task is in one of these states (empty: any the table allows)
 * @param expectedEpoch act only at this epoch, or {@code null} for any
 * @param fence bump the epoch, so the current owner's further writes are refused
 * @param dispatchAfter put the task on the dispatch schedule after this delay, or {@code null} for not
 */
public record Move(
    String taskId,
    TaskStatus to,
    Set<TaskStatus> onlyFrom,
    Long expectedEpoch,
    boolean fence,
    String reason,
    String actor,
    Duration dispatchAfter) {}
