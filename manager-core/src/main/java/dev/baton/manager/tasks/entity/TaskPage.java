package dev.baton.manager.tasks.entity;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/**
 * One page of a task listing, newest first; {@code total} counts every match; {@code next}: the cursor for the page
 * after this one ({@code after=}), null on the last page.
 */
@JsonbPropertyOrder({"tasks", "total", "offset", "limit", "next"})
public record TaskPage(List<TaskView> tasks, long total, int offset, int limit, @JsonbNillable String next) {
  /** Cheap and consistent with equals, for JSON-B's recursion check (see TaskView#hashCode). */
  @Override
  public int hashCode() {
    return Long.hashCode(total) * 31 + offset;
  }
}
