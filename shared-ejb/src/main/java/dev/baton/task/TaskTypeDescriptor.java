package dev.baton.task;

import dev.baton.json.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A task type as its handler declares it. Workers advertise it in Redis; the manager validates each
 * submission's {@code data} against it, so a bad parameter is refused before anything is stored.
 */
public record TaskTypeDescriptor(String type, String description, List<ParamSpec> params) {

  /** Every reason {@code data} does not fit, with fields named {@code <prefix>data.<param>}. */
  public List<Violation> validate(JsonValue data, String prefix) {
    List<Violation> violations = new ArrayList<>();
    if (!(data instanceof JsonObject object)) {
      violations.add(new Violation(prefix + "data", "must be a JSON object"));
      return violations;
    }
    Map<String, ParamSpec> byName = new LinkedHashMap<>();
    params.forEach(p -> byName.put(p.name(), p));
    for (ParamSpec p : params) {
      JsonValue v = object.get(p.name());
      if (v == null || v == JsonValue.NULL) {
        if (p.required()) {
          violations.add(new Violation(prefix + "data." + p.name(), "is required"));
        }
      } else {
        p.check(v).ifPresent(reason -> violations.add(new Violation(prefix + "data." + p.name(), reason)));
      }
    }
    for (String key : object.keySet()) {
      if (!byName.containsKey(key)) {
        violations.add(
            new Violation(prefix + "data." + key, "is not a parameter of " + type + "; known: " + String.join(", ", byName.keySet())));
      }
    }
    return violations;
  }

  public String toJson() {
    JsonArrayBuilder ps = Jsonp.array();
    params.forEach(p -> ps.add(p.toJson()));
    return Jsonp.object().add("type", type).add("description", description).add("params", ps).build().toString();
  }

  public static TaskTypeDescriptor fromJson(String json) {
    JsonObject o = Jsonp.parseObject(json);
    return new TaskTypeDescriptor(
        o.getString("type"),
        o.getString("description", ""),
        o.getJsonArray("params").stream().map(v -> ParamSpec.fromJson(v.asJsonObject())).collect(Collectors.toList()));
  }
}
