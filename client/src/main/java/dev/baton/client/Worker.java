package dev.baton.client;

import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * A worker as the manager sees it.
 *
 * @param status ACTIVE, OVERLOADED, DRAINING, DEAD, ... as the API names it
 * @param alive its lease has not expired
 * @param json every field the API sent
 */
public record Worker(
    String id, String status, boolean alive, int slots, int running, List<String> runningTasks, List<String> types, Instant lastHeartbeat, JsonObject json) {
  static Worker of(JsonObject w) {
    return new Worker(
        Json.string(w, "id"), Json.string(w, "status"), Json.bool(w, "alive"), Json.integer(w, "slots", 0), Json.integer(w, "running", 0),
        Json.strings(w, "running_tasks"), Json.strings(w, "types"), Json.instant(w, "last_heartbeat"), w);
  }
}
