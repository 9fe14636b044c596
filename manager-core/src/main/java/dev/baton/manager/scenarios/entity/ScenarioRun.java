package dev.baton.manager.scenarios.entity;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.List;

/**
 * A run of a demo scenario as it stands: its steps (each ticks when the system reaches it), what it
 * narrated so far, and at the end its summary and verdict.
 *
 * @param state RUNNING, PASSED (everything happened and every task completed exactly once), FAILED,
 *     ABORTED (stopped by a person)
 * @param ok null while running
 */
@JsonbPropertyOrder({"id", "name", "title", "state", "actor", "startedAt", "endedAt", "steps", "log", "summary", "ok", "error"})
public record ScenarioRun(
    String id,
    String name,
    String title,
    String state,
    String actor,
    Instant startedAt,
    @JsonbNillable Instant endedAt,
    List<Step> steps,
    List<Line> log,
    List<String> summary,
    @JsonbNillable Boolean ok,
    @JsonbNillable String error) {

  public boolean isRunning() {
    return "RUNNING".equals(state);
  }

  /**
   * @param state PENDING, ACTIVE, DONE, FAILED
   * @param at when it became ACTIVE, then when DONE
   * @param detail what happened in it (e.g. "3 tasks, 0.21 s after the crash")
   */
  @JsonbPropertyOrder({"n", "text", "state", "at", "detail"})
  public record Step(int n, String text, String state, @JsonbNillable Instant at, @JsonbNillable String detail) {}

  /**
   * One line of the narration.
   *
   * @param n its number in the run (0, 1, ...): a follower asks for the lines after the last it saw
   * @param kind step, event, note or summary
   */
  @JsonbPropertyOrder({"n", "at", "kind", "text"})
  public record Line(int n, Instant at, String kind, String text) {}
}
