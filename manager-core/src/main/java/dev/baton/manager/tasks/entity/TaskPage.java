package dev.baton.manager.tasks.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/** One page of a task listing, newest first; {@code total} counts every match. */
@JsonbPropertyOrder({"tasks", "total", "offset", "limit"})
public record TaskPage(List<TaskView> tasks, long total, int offset, int limit) {}
