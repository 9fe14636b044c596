package dev.baton.client;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;

/**
 * A run of a demo scenario on the manager's scenario engine: its narration so far and how it ended.
 *
 * @param state RUNNING, PASSED, FAILED or ABORTED
 * @param ok the run passed (once it has ended)
 */
public record ScenarioRun(String id, String title, String state, boolean ok, List<Line> log) {
  /** One line of the narration: kind step, info or summary. */
  public record Line(int n, String kind, Instant at, String text) {}

  public boolean isRunning() {
    return "RUNNING".equals(state);
  }

  static ScenarioRun of(JsonObject r) {
    List<Line> log =
        r.getJsonArray("log").stream()
            .map(JsonValue::asJsonObject)
            .map(l -> new Line(l.getInt("n"), Json.string(l, "kind"), Json.instant(l, "at"), Json.string(l, "text")))
            .toList();
    return new ScenarioRun(Json.string(r, "id"), Json.string(r, "title"), Json.string(r, "state"), Json.bool(r, "ok"), log);
  }
}
