package dev.baton.task;

import dev.baton.json.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Optional;

/**
 * One parameter of a task type's {@code data}: how a worker's handler declares it, and how the manager
 * checks a submission against it before anything is stored.
 *
 * @param min lower bound of a number's value, or of an array's length / a string's length
 * @param max upper bound, likewise
 * @param allowed for strings: the only values accepted (empty: any)
 */
public record ParamSpec(
    String name, Kind kind, boolean required, Double min, Double max, List<String> allowed, JsonValue defaultValue, String description) {

  public enum Kind {
    INTEGER,
    NUMBER,
    STRING,
    BOOLEAN,
    NUMBER_ARRAY,
    OBJECT
  }

  public static ParamSpec of(String name, Kind kind, String description) {
    return new ParamSpec(name, kind, false, null, null, List.of(), null, description);
  }

  public ParamSpec mandatory() {
    return new ParamSpec(name, kind, true, min, max, allowed, defaultValue, description);
  }

  public ParamSpec between(double low, double high) {
    return new ParamSpec(name, kind, required, low, high, allowed, defaultValue, description);
  }

  public ParamSpec oneOf(String... values) {
    return new ParamSpec(name, kind, required, min, max, List.of(values), defaultValue, description);
  }

  public ParamSpec defaultsTo(JsonValue value) {
    return new ParamSpec(name, kind, required, min, max, allowed, value, description);
  }

  public ParamSpec defaultsTo(long value) {
    return defaultsTo(Jsonp.value(value));
  }

  public ParamSpec defaultsTo(double value) {
    return defaultsTo(Jsonp.value(value));
  }

  public ParamSpec defaultsTo(String value) {
    return defaultsTo(Jsonp.value(value));
  }

  /** Why {@code value} does not fit, or empty if it does. */
  public Optional<String> check(JsonValue value) {
    return switch (kind) {
      case INTEGER -> {
        if (!(value instanceof JsonNumber n) || !n.isIntegral()) {
          yield Optional.of("must be an integer" + range(""));
        }
        yield bounded(n.doubleValue(), "");
      }
      case NUMBER -> value instanceof JsonNumber n ? bounded(n.doubleValue(), "") : Optional.of("must be a number" + range(""));
      case BOOLEAN ->
          value == JsonValue.TRUE || value == JsonValue.FALSE ? Optional.empty() : Optional.of("must be true or false");
      case STRING -> {
        if (!(value instanceof JsonString s)) {
          yield Optional.of("must be a string");
        }
        if (!allowed.isEmpty() && !allowed.contains(s.getString())) {
          yield Optional.of("must be one of " + allowed);
        }
        yield bounded(s.getString().length(), " characters long");
      }
      case NUMBER_ARRAY -> {
        if (!(value instanceof JsonArray a) || !a.stream().allMatch(v -> v instanceof JsonNumber)) {
          yield Optional.of("must be an array of numbers");
        }
        yield bounded(a.size(), " elements long");
      }
      case OBJECT -> value instanceof JsonObject ? Optional.empty() : Optional.of("must be a JSON object");
    };
  }

  private Optional<String> bounded(double v, String unit) {
    if ((min != null && v < min) || (max != null && v > max)) {
      return Optional.of("must be" + range(unit));
    }
    return Optional.empty();
  }

  private String range(String unit) {
    if (min != null && max != null) {
      return " from " + fmt(min) + " to " + fmt(max) + unit;
    }
    if (min != null) {
      return " at least " + fmt(min) + unit;
    }
    return max != null ? " at most " + fmt(max) + unit : "";
  }

  private static String fmt(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }

  JsonObject toJson() {
    JsonObjectBuilder b = Jsonp.object().add("name", name).add("kind", kind.name()).add("required", required);
    if (min != null) {
      b.add("min", min);
    }
    if (max != null) {
      b.add("max", max);
    }
    if (!allowed.isEmpty()) {
      b.add("allowed", Jsonp.array(allowed));
    }
    if (defaultValue != null) {
      b.add("default", defaultValue);
    }
    if (description != null) {
      b.add("description", description);
    }
    return b.build();
  }

  static ParamSpec fromJson(JsonObject o) {
    return new ParamSpec(
        o.getString("name"),
        Kind.valueOf(o.getString("kind")),
        o.getBoolean("required", false),
        o.containsKey("min") ? o.getJsonNumber("min").doubleValue() : null,
        o.containsKey("max") ? o.getJsonNumber("max").doubleValue() : null,
        o.containsKey("allowed") ? o.getJsonArray("allowed").getValuesAs(JsonString::getString) : List.of(),
        o.get("default"),
        o.getString("description", null));
  }
}
