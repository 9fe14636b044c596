package dev.baton.client;

import java.util.List;

/** One page of a task listing, newest first unless asked otherwise; {@code total} counts every match. */
public record TaskPage(List<Task> tasks, long total, int offset, int limit) {
  /** There are tasks after this page. */
  public boolean hasMore() {
    return (long) offset + tasks.size() < total;
  }
}
