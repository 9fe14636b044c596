package dev.baton.client;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;

/**
 * A task as the API answers it. The fields most programs need are typed; {@link #json()} holds all of them
 * (history, retry policy, dependencies, ...) as the API sent them.
 *
 * @param result the handler's result once COMPLETED, else null
 * @param error why the last attempt failed, else null
 */
public record Task(
    String id,
    String type,
    TaskStatus status,
    int priority,
    String queue,
    String label,
    int progress,
    String progressMessage,
    String workerId,
    int attempt,
    long epoch,
    int retries,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    JsonValue result,
    String error,
    JsonObject json) {

  static Task of(JsonObject t) {
    return new Task(
        Json.string(t, "id"),
        Json.string(t, "type"),
        TaskStatus.valueOf(Json.string(t, "status")),
        Json.integer(t, "priority", 0),
        Json.string(t, "queue"),
        Json.string(t, "label"),
        Json.integer(t, "progress", 0),
        Json.string(t, "progress_message"),
        Json.string(t, "worker_id"),
        Json.integer(t, "attempt", 0),
        Json.number(t, "epoch", 0),
        Json.integer(t, "retries", 0),
        Json.instant(t, "created_at"),
        Json.instant(t, "started_at"),
        Json.instant(t, "finished_at"),
        Json.value(t, "result"),
        Json.string(t, "error"),
        t);
  }

  /** The user who submitted it (for an API token: its owner), or null for the manager's own tasks. */
  public String owner() {
    return Json.string(json, "owner");
  }

  /** The task will not change any more. */
  public boolean isFinished() {
    return status.isFinal();
  }
}
