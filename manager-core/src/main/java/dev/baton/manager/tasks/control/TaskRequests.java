package dev.baton.manager.tasks.control;

import dev.baton.json.Jsonp;
import dev.baton.manager.refusal.Refusal;
import dev.baton.task.Priority;
import dev.baton.task.TaskTypeDescriptor;
import dev.baton.task.Violation;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads task requests: bounded in size, parsed as JSON, every field checked, every violation named. A
 * request is accepted whole or refused whole.
 */
public final class TaskRequests {
  static final Set<String> FIELDS = Set.of("type", "priority", "data", "checkpoint_interval_s");
  private static final int MAX_LISTED_VIOLATIONS = 50;

  private final Map<String, TaskTypeDescriptor> types;
  private final int maxDataBytes;

  public TaskRequests(Map<String, TaskTypeDescriptor> types, int maxDataBytes) {
    this.types = types;
    this.maxDataBytes = maxDataBytes;
  }

  /** One task: {@code {"type": ..., "priority": ..., "data": {...}}}. */
  public TaskSpec one(JsonValue request) {
    List<Violation> violations = new ArrayList<>();
    TaskSpec spec = parse(request, "", violations);
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
        violations.add(new Violation(at + key, "is not a field of a task; known: data, priority, type, checkpoint_interval_s"));
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
    return violations.size() == before ? new TaskSpec(type, priority, data, dataJson, interval) : null;
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
