package dev.baton.task;

import java.time.Instant;

/** One entry of a task's state history. {@code from} is null for the first one. */
public record Transition(TaskStatus from, TaskStatus to, Instant at, long epoch, String worker, String reason) {}
