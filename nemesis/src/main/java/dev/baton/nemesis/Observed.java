package dev.baton.nemesis;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Set;

/**
 * A task as the cluster reports it after the run (GET /api/tasks/{id}): its status and the history of its
 * transitions, each stamped by Redis inside the atomic step that made it.
 */
public record Observed(String id, String status, long epoch, String queue, List<String> dependsOn, List<Transition> history) {
  /** The statuses a task ends in. */
  public static final Set<String> FINAL = Set.of("COMPLETED", "FAILED", "DEAD", "CANCELLED", "SKIPPED");

  /** One entry of a task's history. */
  public record Transition(String from, String to, long at, long epoch, String worker, String reason) {}

  public boolean isFinal() {
    return FINAL.contains(status);
  }

  public static Observed fromApi(JsonObject t) {
    List<Transition> history =
        t.getJsonArray("history").stream()
            .map(JsonValue::asJsonObject)
            .map(h -> new Transition(
                text(h, "from"), text(h, "to"), java.time.Instant.parse(h.getString("at")).toEpochMilli(),
                h.containsKey("epoch") && !h.isNull("epoch") ? h.getJsonNumber("epoch").longValue() : 0,
                text(h, "worker"), text(h, "reason")))
            .toList();
    List<String> parents =
        t.containsKey("depends_on") && !t.isNull("depends_on")
            ? t.getJsonArray("depends_on").stream().map(v -> ((JsonString) v).getString()).toList()
            : List.of();
    return new Observed(t.getString("id"), t.getString("status"), t.getJsonNumber("epoch").longValue(),
        text(t, "queue"), parents, history);
  }

  private static String text(JsonObject o, String key) {
    return o.containsKey(key) && !o.isNull(key) ? o.getString(key) : null;
  }
}
