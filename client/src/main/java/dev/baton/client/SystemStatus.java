package dev.baton.client;

import jakarta.json.JsonObject;
import java.time.Instant;

/**
 * The system's status at a moment: live workers and their slots, and how many tasks have completed since the
 * cluster began; {@link #json()} holds all of it (components, queues, throughput).
 */
public record SystemStatus(Instant checkedAt, int workersAlive, int slots, long completedTotal, JsonObject json) {
  static SystemStatus of(JsonObject s) {
    JsonObject workers = s.getJsonObject("components").getJsonObject("workers");
    return new SystemStatus(
        Json.instant(s, "checked_at"), Json.integer(workers, "alive", 0), Json.integer(workers, "slots", 0),
        Json.number(s.getJsonObject("throughput"), "completed_total", 0), s);
  }
}
