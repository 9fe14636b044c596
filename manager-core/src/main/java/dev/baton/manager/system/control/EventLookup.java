package dev.baton.manager.system.control;

import dev.baton.event.BatonEvent;
import dev.baton.store.RedisEventLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Reads the event log for the REST API and the console alike. */
@ApplicationScoped
public class EventLookup {
  private static final int SCAN_CHUNK = 1_000;

  @Inject RedisEventLog log;

  /** Newest first; {@code beforeId} (exclusive) pages back, null starts at the newest. */
  public List<BatonEvent> newestFirst(String beforeId, int limit) {
    return log.newestFirst(beforeId, limit);
  }

  /** Oldest first, strictly after {@code afterId}. */
  public List<BatonEvent> after(String afterId, int limit) {
    return log.after(afterId, limit);
  }

  /**
   * The newest events that match, looking back through at most {@code maxScanned} entries before {@code
   * beforeId}.
   *
   * @return the matches (newest first) and where the search stopped, to continue from there
   */
  public Search search(Predicate<BatonEvent> filter, String beforeId, int limit, int maxScanned) {
    List<BatonEvent> found = new ArrayList<>();
    String cursor = beforeId;
    int scanned = 0;
    while (found.size() < limit && scanned < maxScanned) {
      List<BatonEvent> chunk = log.newestFirst(cursor, Math.min(SCAN_CHUNK, maxScanned - scanned));
      if (chunk.isEmpty()) {
        return new Search(found, null, scanned);
      }
      for (BatonEvent e : chunk) {
        scanned++;
        cursor = e.id();
        if (filter.test(e)) {
          found.add(e);
          if (found.size() == limit) {
            break;
          }
        }
      }
    }
    return new Search(found, cursor, scanned);
  }

  /**
   * @param next where to continue looking back (the id of the last entry looked at), or null at the start of the log
   * @param scanned how many entries were looked at
   */
  public record Search(List<BatonEvent> events, String next, int scanned) {}
}
