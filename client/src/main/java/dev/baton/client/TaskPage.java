package dev.baton.client;

import java.util.List;

/**
 * One page of a task listing, newest first unless asked otherwise; {@code total} counts every match; {@code next} is
 * the cursor of the page after it ({@link BatonClient#next}), null on the last page.
 */
public record TaskPage(List<Task> tasks, long total, int offset, int limit, String next) {
  /** There are tasks after this page. */
  public boolean hasMore() {
    return next != null;
  }
}
