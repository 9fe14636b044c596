package dev.baton.task;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a page of a task listing ends, so that the next page starts right after it (keyset paging): the last task's
 * place in the listing's order - its score in the order's index and its id - plus the order and direction it belongs
 * to. Redis finds that place in O(log n); an offset would make it walk every task before it. On the wire it is one
 * opaque token ({@link #encode()}), the {@code next} of a page and the {@code after} of the request for the next.
 *
 * @param score the task's score in the order's index: its creation time (ms), or for priority and progress {@link
 *     #ranked} of the value and the creation time - the formula of {@code ranked} in lib.lua
 */
public record TaskCursor(TaskOrder order, boolean descending, long score, String id) {

  /** The cursor after {@code last} in a listing of this order and direction. */
  public static TaskCursor after(TaskRecord last, TaskOrder order, boolean descending) {
    long created = last.createdAt().toEpochMilli();
    long score =
        switch (order) {
          case CREATED -> created;
          case PRIORITY -> ranked(last.priority(), created);
          case PROGRESS -> ranked(last.progress(), created);
        };
    return new TaskCursor(order, descending, score, last.id());
  }

  /** A number, then the oldest first when read highest first (lib.lua's ranked). */
  static long ranked(long value, long createdAt) {
    return value * 10_000_000_000_000L + (10_000_000_000_000L - 1 - createdAt);
  }

  public String encode() {
    String plain = order.name().toLowerCase(Locale.ROOT) + "." + (descending ? "desc" : "asc") + "." + score + "." + id;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /** The cursor a token stands for, or empty if it is none (a client's typo or invention). */
  public static Optional<TaskCursor> decode(String token) {
    if (token == null || token.length() > 200) {
      return Optional.empty();
    }
    try {
      String[] p = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\.", 4);
      if (p.length != 4 || !(p[1].equals("desc") || p[1].equals("asc")) || !p[3].matches("[0-9A-Za-z-]{1,64}")) {
        return Optional.empty();
      }
      return Optional.of(new TaskCursor(TaskOrder.valueOf(p[0].toUpperCase(Locale.ROOT)), p[1].equals("desc"), Long.parseLong(p[2]), p[3]));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
