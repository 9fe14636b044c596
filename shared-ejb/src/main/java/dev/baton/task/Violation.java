package dev.baton.task;

/** One reason a request was refused: the field (a JSON path such as {@code tasks[3].priority}) and why. */
public record Violation(String field, String reason) {}
