package dev.baton.json;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.Collection;

/**
 * The one JSON-P provider, looked up once. {@code jakarta.json.Json.createXxx()} looks the provider up
 * through a ServiceLoader on every call, which in an application server means a class-path scan per call:
 * profiling showed it as the manager's and the workers' hottest code. Use this class instead.
 */
public final class Jsonp {
  public static final JsonProvider PROVIDER = JsonProvider.provider();

  private Jsonp() {}

  public static JsonObjectBuilder object() {
    return PROVIDER.createObjectBuilder();
  }

  public static JsonArrayBuilder array() {
    return PROVIDER.createArrayBuilder();
  }

  public static JsonArrayBuilder array(Collection<?> values) {
    return PROVIDER.createArrayBuilder(values);
  }

  public static JsonValue value(String s) {
    return PROVIDER.createValue(s);
  }

  public static JsonValue value(long n) {
    return PROVIDER.createValue(n);
  }

  public static JsonValue value(double n) {
    return PROVIDER.createValue(n);
  }

  /** Any JSON value from its text. */
  public static JsonValue parse(String json) {
    try (JsonReader r = PROVIDER.createReader(new StringReader(json))) {
      return r.readValue();
    }
  }

  public static JsonObject parseObject(String json) {
    return parse(json).asJsonObject();
  }

  public static JsonReader reader(java.io.InputStream in) {
    return PROVIDER.createReader(in);
  }
}
