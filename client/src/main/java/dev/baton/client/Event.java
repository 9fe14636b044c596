package dev.baton.client;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * An event of the system's log: {@code task.completed}, {@code worker.failed}, {@code task.migrated}, ...
 *
 * @param id its place in the log (digits-digits); events are ordered by it
 * @param details the event's own fields (attempt, epoch, from, to, reason, ...)
 */
public record Event(String id, String type, Instant at, String taskId, String workerId, String message, Map<String, String> details) {
  static Event of(JsonObject e) {
    Map<String, String> details = new TreeMap<>();
    if (e.get("details") instanceof JsonObject d) {
      d.forEach((k, v) -> details.put(k, v instanceof JsonString s ? s.getString() : v.toString()));
    }
    return new Event(
        Json.string(e, "id"), Json.string(e, "type"), Json.instant(e, "at"), Json.string(e, "task_id"), Json.string(e, "worker_id"),
        Json.string(e, "message"), Map.copyOf(details));
  }
}
