package dev.baton.client;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * A task to submit: {@code TaskRequest.of("sleep").data(Map.of("steps", 5)).priority(7).queue("gpu")}.
 * Immutable; each method answers a new request. The manager checks every field (a wrong one is a {@link
 * ProblemException.Invalid} naming it); {@link #with} sets any field of the API's task request by its name.
 *
 * @param body the request as it is sent
 */
public record TaskRequest(JsonObject body) {
  public TaskRequest {
    Objects.requireNonNull(body, "body");
  }

  /** A task of this type (computation, io, network, sleep, noop, ... : the types the live workers run). */
  public static TaskRequest of(String type) {
    return new TaskRequest(Json.PROVIDER.createObjectBuilder().add("type", Objects.requireNonNull(type, "type")).build());
  }

  /** Sets a field of the API's task request by its name (snake_case), e.g. {@code with("retry_backoff", "fixed")}. */
  public TaskRequest with(String field, JsonValue value) {
    JsonObjectBuilder b = Json.PROVIDER.createObjectBuilder(body);
    return new TaskRequest((value == null ? b.remove(field) : b.add(field, value)).build());
  }

  /** The type's parameters: a map of JSON-like values (String, Number, Boolean, Map, List, null). */
  public TaskRequest data(Map<String, ?> data) {
    return with("data", Json.PROVIDER.createObjectBuilder(copy(data)).build());
  }

  public TaskRequest data(JsonObject data) {
    return with("data", data);
  }

  /** 0 to 9; higher runs first. */
  public TaskRequest priority(int priority) {
    return with("priority", Json.PROVIDER.createValue(priority));
  }

  public TaskRequest queue(String queue) {
    return with("queue", Json.PROVIDER.createValue(queue));
  }

  /** Free text, found by {@link TaskFilter#search}. */
  public TaskRequest label(String label) {
    return with("label", Json.PROVIDER.createValue(label));
  }

  /** How often a failed attempt runs again (with exponential backoff unless {@code retry_backoff} says otherwise). */
  public TaskRequest maxRetries(int retries) {
    return with("max_retries", Json.PROVIDER.createValue(retries));
  }

  /** Run it this long from now (SCHEDULED until then). */
  public TaskRequest delay(Duration delay) {
    return with("countdown_s", Json.PROVIDER.createValue(delay.toMillis() / 1000.0));
  }

  /** Run it at this time. */
  public TaskRequest runAt(Instant at) {
    return with("run_at", Json.PROVIDER.createValue(at.toString()));
  }

  /** The hard limit of one attempt, whole seconds. */
  public TaskRequest timeLimit(Duration limit) {
    return with("time_limit_s", Json.PROVIDER.createValue(Math.toIntExact(limit.toSeconds())));
  }

  /** Seconds between checkpoints of a long task. */
  public TaskRequest checkpointInterval(Duration interval) {
    return with("checkpoint_interval_s", Json.PROVIDER.createValue(Math.toIntExact(interval.toSeconds())));
  }

  /** It starts once these tasks (ids, or refs within one batch) have completed. */
  public TaskRequest dependsOn(String... tasks) {
    return with("depends_on", Json.PROVIDER.createArrayBuilder(Arrays.asList(tasks)).build());
  }

  /** Its name within a batch, for another task's {@link #dependsOn}. */
  public TaskRequest ref(String ref) {
    return with("ref", Json.PROVIDER.createValue(ref));
  }

  /** Repeating a request with the same key answers the task it made the first time instead of a second one. */
  public TaskRequest idempotencyKey(String key) {
    return with("idempotency_key", Json.PROVIDER.createValue(key));
  }

  public TaskRequest critical(boolean critical) {
    return with("critical", critical ? JsonValue.TRUE : JsonValue.FALSE);
  }

  public String type() {
    return body.getString("type");
  }

  /** Its idempotency key, or null. */
  public String idempotencyKey() {
    return Json.string(body, "idempotency_key");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> copy(Map<String, ?> data) {
    return (Map<String, Object>) Objects.requireNonNull(data, "data");
  }
}
