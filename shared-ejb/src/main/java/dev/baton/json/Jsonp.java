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

  /**
   * JSON from outside (a request body, a form field): every way it can be wrong is a {@link jakarta.json.JsonException}
   * ({@link jakarta.json.stream.JsonParsingException} with a location where the parser gives one) - also the parser's
   * own limits: Parsson refuses input nested more than 1,000 deep with a bare RuntimeException.
   */
  public static JsonValue parseUntrusted(java.io.InputStream in) {
    return readUntrusted(PROVIDER.createReader(in));
  }

  /** As {@link #parseUntrusted(java.io.InputStream)}, from text. */
  public static JsonValue parseUntrusted(String json) {
    return readUntrusted(PROVIDER.createReader(new StringReader(json)));
  }

  private static JsonValue readUntrusted(JsonReader reader) {
    try (reader) {
      return reader.readValue();
    } catch (jakarta.json.JsonException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new jakarta.json.JsonException(e.getMessage() == null ? "unreadable JSON" : e.getMessage().strip(), e);
    }
  }
}
