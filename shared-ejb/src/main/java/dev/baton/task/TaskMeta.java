package dev.baton.task;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a submitter says about a task beside its work: a label people read and search, an idempotency key
 * that makes a repeated submit answer the task it created the first time, the queue it runs in, and
 * whether its notifications are critical.
 *
 * @param label free text, or {@code null}
 * @param idempotencyKey the submitter's key, or {@code null}
 * @param requestHash SHA-256 of the request without its key (hex), with a key: the same key with another
 *     request is a conflict
 * @param queue its named queue ({@link Queues#DEFAULT} if it names none)
 * @param critical its notifications (Telegram) are marked CRITICAL
 * @param owner the user who submitted it (for an API token: its owner), or {@code null} (the manager's own, or from
 *     before owners existed): viewers and operators see and act on their own tasks only
 */
public record TaskMeta(String label, String idempotencyKey, String requestHash, String queue, boolean critical, String owner) {
  public static final TaskMeta NONE = new TaskMeta(null, null, null);
  /** The most words of a label that are indexed for search. */
  public static final int MAX_INDEXED_WORDS = 20;

  /** Without an owner. */
  public TaskMeta(String label, String idempotencyKey, String requestHash, String queue, boolean critical) {
    this(label, idempotencyKey, requestHash, queue, critical, null);
  }

  /** In the default queue, not critical. */
  public TaskMeta(String label, String idempotencyKey, String requestHash) {
    this(label, idempotencyKey, requestHash, Queues.DEFAULT, false);
  }

  /** The words of a label as search finds them: lower case, split at anything but letters and digits. */
  public static List<String> words(String text) {
    if (text == null) {
      return List.of();
    }
    return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
        .filter(w -> !w.isEmpty())
        .distinct()
        .limit(MAX_INDEXED_WORDS)
        .toList();
  }
}
