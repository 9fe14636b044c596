package dev.baton.manager.tasks.control;

import dev.baton.json.Jsonp;
import dev.baton.manager.refusal.Refusal;
import dev.baton.task.Priority;
import dev.baton.task.RetryPolicy;
import dev.baton.task.TaskLimits;
import dev.baton.task.TaskMeta;
import dev.baton.task.TaskTypeDescriptor;
import dev.baton.task.Violation;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads task requests: bounded in size, parsed as JSON, every field checked, every violation named. A
 * request is accepted whole or refused whole.
 */
public final class TaskRequests {
  static final Set<String> FIELDS =
      Set.of(
          "type", "priority", "data", "checkpoint_interval_s", "max_retries", "retry_backoff", "retry_delay_ms",
          "retry_max_delay_ms", "countdown_s", "run_at", "time_limit_s", "soft_time_limit_s", "expires_at", "depends_on",
          "ref", "label", "idempotency_key", "queue", "critical");
  /** The longest label and idempotency key. */
  static final int MAX_LABEL = 200;
  /** A task's name within its batch. */
  private static final java.util.regex.Pattern REF = java.util.regex.Pattern.compile("[A-Za-z0-9_.:-]{1,100}");
  /** A parent: a task id (Baton's are UUIDs) or a ref. */
  private static final java.util.regex.Pattern PARENT = java.util.regex.Pattern.compile("[A-Za-z0-9_.:-]{1,100}");
  /** The most parents a task may have. */
  static final int MAX_PARENTS = 100;
  /** How far ahead a task may be delayed: a year. */
  static final long MAX_DELAY_S = 366L * 24 * 3600;
  private static final int MAX_LISTED_VIOLATIONS = 50;

  private final Map<String, TaskTypeDescriptor> types;
  private final int maxDataBytes;
  private final String owner;

  public TaskRequests(Map<String, TaskTypeDescriptor> types, int maxDataBytes) {
    this(types, maxDataBytes, null);
  }

  /** @param owner the user whose tasks these requests make (null: the manager's own) */
  public TaskRequests(Map<String, TaskTypeDescriptor> types, int maxDataBytes, String owner) {
    this.types = types;
    this.maxDataBytes = maxDataBytes;
    this.owner = owner;
  }

  /** One task: {@code {"type": ..., "priority": ..., "data": {...}}}. */
  public TaskSpec one(JsonValue request) {
    return one(request, null);
  }

  /** One task, with the {@code Idempotency-Key} header's key if the body names none (or the same). */
  public TaskSpec one(JsonValue request, String headerKey) {
    List<Violation> violations = new ArrayList<>();
    JsonValue withKey = request;
    if (headerKey != null && request instanceof JsonObject o) {
      JsonValue own = o.get("idempotency_key");
      if (own == null || own == JsonValue.NULL) {
        withKey = Jsonp.PROVIDER.createObjectBuilder(o).add("idempotency_key", headerKey).build();
      } else if (!(own instanceof JsonString s) || !s.getString().equals(headerKey)) {
        violations.add(new Violation("idempotency_key", "differs from the Idempotency-Key header; give one of them"));
      }
    }
    TaskSpec spec = parse(withKey, "", violations);
    if (spec != null && spec.ref() != null) {
      violations.add(new Violation("ref", "names a task of a batch for the depends_on of the others; a single task has its id"));
    }
    refuseIf(violations);
    return spec;
  }

  /**
   * A task inside another request (a schedule's {@code task}): violations are named from {@code prefix}, e.g.
   * {@code task.type}; the fields in {@code refused} are not allowed there.
   */
  public TaskSpec inside(JsonValue request, String prefix, Set<String> refused, String why) {
    List<Violation> violations = new ArrayList<>();
    if (request instanceof JsonObject o) {
      for (String key : o.keySet()) {
        if (refused.contains(key)) {
          violations.add(new Violation(prefix + "." + key, why));
        }
      }
    }
    TaskSpec spec = parse(request, prefix + ".", violations);
    refuseIf(violations);
    return spec;
  }

  /** A batch: {@code {"tasks": [...]}} or a bare array, 1 to {@code max} tasks. */
  public List<TaskSpec> batch(JsonValue request, int max) {
    JsonArray array;
    String prefix;
    if (request instanceof JsonArray a) {
      array = a;
      prefix = "";
    } else if (request instanceof JsonObject o && o.get("tasks") instanceof JsonArray a) {
      array = a;
      prefix = "tasks";
      for (String key : o.keySet()) {
        if (!key.equals("tasks")) {
          throw Refusal.invalid(key, "is not a field of a batch; send {\"tasks\": [...]}");
        }
      }
    } else {
      throw Refusal.invalid("tasks", "is required: send {\"tasks\": [...]} or a JSON array of tasks");
    }
    if (array.isEmpty()) {
      throw Refusal.invalid(prefix.isEmpty() ? "[]" : prefix, "must contain at least one task");
    }
    if (array.size() > max) {
      throw Refusal.tooLarge(prefix.isEmpty() ? "[]" : prefix, "must contain at most " + max + " tasks, not " + array.size());
    }
    List<Violation> violations = new ArrayList<>();
    List<TaskSpec> specs = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      specs.add(parse(array.get(i), prefix + "[" + i + "].", violations));
    }
    refuseIf(violations);
    violations.addAll(TaskGraphs.checkRefs(specs));
    java.util.Map<String, String> keys = new java.util.HashMap<>();
    for (TaskSpec s : specs) {
      String key = s.meta().idempotencyKey();
      if (key != null && keys.putIfAbsent(key, s.at()) != null) {
        violations.add(new Violation(s.at() + "idempotency_key", "is used by " + keys.get(key) + " too; one key, one task"));
      }
    }
    refuseIf(violations);
    return specs;
  }

  private TaskSpec parse(JsonValue value, String at, List<Violation> violations) {
    if (!(value instanceof JsonObject o)) {
      violations.add(new Violation(at.isEmpty() ? "body" : at.substring(0, at.length() - 1), "must be a JSON object"));
      return null;
    }
    int before = violations.size();
    for (String key : o.keySet()) {
      if (!FIELDS.contains(key)) {
        violations.add(new Violation(at + key, "is not a field of a task; known: " + String.join(", ", new java.util.TreeSet<>(FIELDS))));
      }
    }

    String type = null;
    JsonValue t = o.get("type");
    if (t == null || t == JsonValue.NULL) {
      violations.add(new Violation(at + "type", "is required; known types: " + known()));
    } else if (!(t instanceof JsonString s)) {
      violations.add(new Violation(at + "type", "must be a string"));
    } else if (!types.containsKey(s.getString())) {
      violations.add(new Violation(at + "type", "unknown type '" + s.getString() + "'; known types: " + known()));
    } else {
      type = s.getString();
    }

    int priority = Priority.DEFAULT;
    JsonValue p = o.get("priority");
    if (p != null && p != JsonValue.NULL) {
      if (p instanceof JsonNumber n && n.isIntegral() && n.longValue() >= Priority.MIN && n.longValue() <= Priority.MAX) {
        priority = n.intValue();
      } else {
        violations.add(new Violation(at + "priority", "must be an integer from " + Priority.MIN + " to " + Priority.MAX));
      }
    }

    Integer interval = null;
    JsonValue c = o.get("checkpoint_interval_s");
    if (c != null && c != JsonValue.NULL) {
      if (c instanceof JsonNumber n && n.isIntegral() && n.longValue() >= 1 && n.longValue() <= 3600) {
        interval = n.intValue();
      } else {
        violations.add(new Violation(at + "checkpoint_interval_s", "must be an integer from 1 to 3600"));
      }
    }

    JsonValue data = o.getOrDefault("data", JsonValue.EMPTY_JSON_OBJECT);
    if (data == JsonValue.NULL) {
      data = JsonValue.EMPTY_JSON_OBJECT;
    }
    String dataJson = data.toString();
    int dataBytes = dataJson.getBytes(StandardCharsets.UTF_8).length;
    if (dataBytes > maxDataBytes) {
      throw Refusal.tooLarge(at + "data", "must not exceed " + maxDataBytes + " bytes of JSON, it has " + dataBytes);
    }
    if (type != null) {
      violations.addAll(types.get(type).validate(data, at));
    } else if (!(data instanceof JsonObject)) {
      violations.add(new Violation(at + "data", "must be a JSON object"));
    }
    RetryPolicy retry = retryPolicy(o, at, violations);
    Instant runAt = runAt(o, at, violations);
    TaskLimits limits = limits(o, at, runAt, violations);
    String ref = null;
    JsonValue r = o.get("ref");
    if (r != null && r != JsonValue.NULL) {
      if (r instanceof JsonString s && REF.matcher(s.getString()).matches()) {
        ref = s.getString();
      } else {
        violations.add(new Violation(at + "ref", "must be 1 to 100 letters, digits or _ . : -"));
      }
    }
    List<String> dependsOn = dependsOn(o, at, violations);
    String label = text(o, "label", at, violations);
    String key = text(o, "idempotency_key", at, violations);
    String queue = queue(o, at, violations);
    boolean critical = flag(o, "critical", at, violations);
    // each user's keys are their own: another user's key neither answers their task nor conflicts with it
    String ownKey = key == null || owner == null ? key : owner + ":" + key;
    TaskMeta meta = new TaskMeta(label, ownKey, key == null ? null : requestHash(o), queue, critical, owner);
    return violations.size() == before
        ? new TaskSpec(type, priority, data, dataJson, interval, retry, runAt, limits, ref, dependsOn, at, meta)
        : null;
  }

  /** An optional text field of 1 to {@value #MAX_LABEL} characters, without control characters. */
  private static String text(JsonObject o, String field, String at, List<Violation> violations) {
    JsonValue v = o.get(field);
    if (v == null || v == JsonValue.NULL) {
      return null;
    }
    if (v instanceof JsonString s && !s.getString().isBlank() && s.getString().length() <= MAX_LABEL
        && s.getString().chars().noneMatch(Character::isISOControl)) {
      return s.getString().strip();
    }
    violations.add(new Violation(at + field, "must be text of 1 to " + MAX_LABEL + " characters, without control characters"));
    return null;
  }

  /** {@code queue}: a queue name, {@value dev.baton.task.Queues#DEFAULT} if absent. */
  private static String queue(JsonObject o, String at, List<Violation> violations) {
    JsonValue v = o.get("queue");
    if (v == null || v == JsonValue.NULL) {
      return dev.baton.task.Queues.DEFAULT;
    }
    if (v instanceof JsonString s && dev.baton.task.Queues.isValidName(s.getString())) {
      return s.getString();
    }
    violations.add(new Violation(at + "queue", dev.baton.task.Queues.NAME_RULE));
    return dev.baton.task.Queues.DEFAULT;
  }

  /** An optional boolean field, false if absent. */
  private static boolean flag(JsonObject o, String field, String at, List<Violation> violations) {
    JsonValue v = o.get(field);
    if (v == null || v == JsonValue.NULL || v == JsonValue.FALSE) {
      return false;
    }
    if (v == JsonValue.TRUE) {
      return true;
    }
    violations.add(new Violation(at + field, "must be true or false"));
    return false;
  }

  /** SHA-256 (hex) of the request without its idempotency key: the same key with another request is a conflict. */
  private static String requestHash(JsonObject o) {
    JsonObject without = Jsonp.PROVIDER.createObjectBuilder(o).remove("idempotency_key").build();
    try {
      return java.util.HexFormat.of().formatHex(
          java.security.MessageDigest.getInstance("SHA-256").digest(without.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code depends_on}: one task id (or ref of the batch), or a list of up to {@value #MAX_PARENTS}. */
  private static List<String> dependsOn(JsonObject o, String at, List<Violation> violations) {
    JsonValue d = o.get("depends_on");
    if (d == null || d == JsonValue.NULL) {
      return List.of();
    }
    List<JsonValue> items = d instanceof jakarta.json.JsonArray a ? a : List.of(d);
    boolean ok = d instanceof JsonString || (d instanceof jakarta.json.JsonArray a && !a.isEmpty() && a.size() <= MAX_PARENTS);
    java.util.LinkedHashSet<String> parents = new java.util.LinkedHashSet<>();
    for (JsonValue v : items) {
      if (v instanceof JsonString s && PARENT.matcher(s.getString()).matches()) {
        parents.add(s.getString());
      } else {
        ok = false;
      }
    }
    if (!ok) {
      violations.add(new Violation(at + "depends_on", "must be a task id (or the ref of a task of the same batch), or a list of 1 to " + MAX_PARENTS + " of them"));
      return List.of();
    }
    return List.copyOf(parents);
  }

  /** {@code time_limit_s}, {@code soft_time_limit_s} (before the hard one), {@code expires_at} (after run_at). */
  private static TaskLimits limits(JsonObject o, String at, Instant runAt, List<Violation> violations) {
    int before = violations.size();
    long hard = integer(o, "time_limit_s", 0, 1, TaskLimits.MAX_LIMIT_S, at, violations);
    long soft = integer(o, "soft_time_limit_s", 0, 1, TaskLimits.MAX_LIMIT_S, at, violations);
    if (violations.size() == before && hard > 0 && soft >= hard) {
      violations.add(new Violation(at + "soft_time_limit_s", "must be less than time_limit_s (" + hard + ")"));
    }
    Instant expires = null;
    JsonValue e = o.get("expires_at");
    if (e != null && e != JsonValue.NULL) {
      try {
        expires = e instanceof JsonString s ? OffsetDateTime.parse(s.getString()).toInstant() : null;
      } catch (DateTimeParseException bad) {
        expires = null;
      }
      if (expires == null) {
        violations.add(new Violation(at + "expires_at", "must be an ISO-8601 date and time with an offset, e.g. 2026-12-24T18:00:00Z"));
      } else if (!expires.isAfter(runAt == null ? Instant.now() : runAt)) {
        violations.add(new Violation(at + "expires_at", runAt == null ? "must be in the future" : "must be after the task's run_at"));
      }
    }
    if (violations.size() != before) {
      return TaskLimits.NONE;
    }
    return new TaskLimits(hard == 0 ? null : (int) hard, soft == 0 ? null : (int) soft, expires);
  }

  /** {@code max_retries}, {@code retry_backoff}, {@code retry_delay_ms}, {@code retry_max_delay_ms}. */
  private static RetryPolicy retryPolicy(JsonObject o, String at, List<Violation> violations) {
    int before = violations.size();
    long max = integer(o, "max_retries", 0, 0, RetryPolicy.MAX_RETRIES, at, violations);
    RetryPolicy.Backoff backoff = RetryPolicy.Backoff.EXPONENTIAL;
    JsonValue b = o.get("retry_backoff");
    if (b != null && b != JsonValue.NULL) {
      if (b instanceof JsonString s && (s.getString().equals("exponential") || s.getString().equals("fixed"))) {
        backoff = RetryPolicy.Backoff.valueOf(s.getString().toUpperCase(java.util.Locale.ROOT));
      } else {
        violations.add(new Violation(at + "retry_backoff", "must be \"exponential\" or \"fixed\""));
      }
    }
    long limit = RetryPolicy.DELAY_LIMIT_MS;
    long delay = integer(o, "retry_delay_ms", RetryPolicy.DEFAULT_DELAY_MS, 0, limit, at, violations);
    long maxDelay = integer(o, "retry_max_delay_ms", Math.max(delay, RetryPolicy.DEFAULT_MAX_DELAY_MS), 0, limit, at, violations);
    if (violations.size() == before && maxDelay < delay) {
      violations.add(new Violation(at + "retry_max_delay_ms", "must not be less than retry_delay_ms (" + delay + ")"));
    }
    return violations.size() == before ? new RetryPolicy((int) max, backoff, delay, maxDelay) : RetryPolicy.NONE;
  }

  /** {@code countdown_s} (seconds from now) or {@code run_at} (ISO-8601 with an offset), not both. */
  private static Instant runAt(JsonObject o, String at, List<Violation> violations) {
    boolean countdown = o.get("countdown_s") != null && o.get("countdown_s") != JsonValue.NULL;
    boolean runAt = o.get("run_at") != null && o.get("run_at") != JsonValue.NULL;
    if (countdown && runAt) {
      violations.add(new Violation(at + "run_at", "give either countdown_s or run_at, not both"));
      return null;
    }
    if (countdown) {
      if (o.get("countdown_s") instanceof JsonNumber n && n.doubleValue() >= 0 && n.doubleValue() <= MAX_DELAY_S) {
        return Instant.now().plusMillis(Math.round(n.doubleValue() * 1000));
      }
      violations.add(new Violation(at + "countdown_s", "must be a number of seconds from 0 to " + MAX_DELAY_S));
      return null;
    }
    if (runAt) {
      if (o.get("run_at") instanceof JsonString s) {
        try {
          Instant when = OffsetDateTime.parse(s.getString()).toInstant();
          if (when.isAfter(Instant.now().plusSeconds(MAX_DELAY_S))) {
            violations.add(new Violation(at + "run_at", "must be within a year from now"));
            return null;
          }
          return when;
        } catch (DateTimeParseException e) {
          // falls through to the violation
        }
      }
      violations.add(new Violation(at + "run_at", "must be an ISO-8601 date and time with an offset, e.g. 2026-12-24T18:00:00Z"));
    }
    return null;
  }

  private static long integer(JsonObject o, String field, long absent, long min, long max, String at, List<Violation> violations) {
    JsonValue v = o.get(field);
    if (v == null || v == JsonValue.NULL) {
      return absent;
    }
    if (v instanceof JsonNumber n && n.isIntegral() && n.longValue() >= min && n.longValue() <= max) {
      return n.longValue();
    }
    violations.add(new Violation(at + field, "must be an integer from " + min + " to " + max));
    return absent;
  }

  private String known() {
    return types.isEmpty() ? "none yet (no worker has registered)" : String.join(", ", types.keySet());
  }

  private static void refuseIf(List<Violation> violations) {
    if (!violations.isEmpty()) {
      throw Refusal.invalid(
          violations.size() > MAX_LISTED_VIOLATIONS ? violations.subList(0, MAX_LISTED_VIOLATIONS) : violations);
    }
  }
}
