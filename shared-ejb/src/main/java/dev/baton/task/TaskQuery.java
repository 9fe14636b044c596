package dev.baton.task;

/** Filters and paging of a task listing; null filters match everything. */
public record TaskQuery(TaskStatus status, String type, String workerId, int offset, int limit) {}
