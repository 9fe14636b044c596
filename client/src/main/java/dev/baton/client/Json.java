package dev.baton.client;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;

/** Reading the API's JSON: absent and null fields alike become null (or the default given). */
final class Json {
  static final JsonProvider PROVIDER = JsonProvider.provider();

  private Json() {}

  static JsonValue parse(String text) {
    return PROVIDER.createReader(new StringReader(text)).readValue();
  }

  static JsonObject object(String text) {
    return parse(text).asJsonObject();
  }

  static String string(JsonObject o, String field) {
    return o.get(field) instanceof JsonString s ? s.getString() : null;
  }

  static int integer(JsonObject o, String field, int otherwise) {
    return o.get(field) instanceof JsonNumber n ? n.intValue() : otherwise;
  }

  static long number(JsonObject o, String field, long otherwise) {
    return o.get(field) instanceof JsonNumber n ? n.longValue() : otherwise;
  }

  static boolean bool(JsonObject o, String field) {
    return o.get(field) == JsonValue.TRUE;
  }

  static Instant instant(JsonObject o, String field) {
    String s = string(o, field);
    return s == null ? null : Instant.parse(s);
  }

  /** The field's value, or null for an absent or JSON null field. */
  static JsonValue value(JsonObject o, String field) {
    JsonValue v = o.get(field);
    return v == null || v == JsonValue.NULL ? null : v;
  }

  static List<String> strings(JsonObject o, String field) {
    return o.get(field) instanceof JsonArray a
        ? a.stream().filter(v -> v instanceof JsonString).map(v -> ((JsonString) v).getString()).toList()
        : List.of();
  }
}
