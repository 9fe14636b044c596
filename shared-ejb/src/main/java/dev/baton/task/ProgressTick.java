package dev.baton.task;

import java.time.Instant;

/** A running task's progress as its worker reported it (ephemeral: not in the event log). */
public record ProgressTick(String taskId, String workerId, int progress, String message, Instant at) {}
