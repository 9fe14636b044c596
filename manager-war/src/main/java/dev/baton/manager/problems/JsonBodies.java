package dev.baton.manager.problems;

import dev.baton.json.Jsonp;
import dev.baton.manager.refusal.Refusal;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Request bodies: bounded in size, parsed as JSON, refused with a problem detail when they are not. */
public final class JsonBodies {
  private static final long MAX_DRAIN = 256L << 20;

  private JsonBodies() {}

  /** Reads at most {@code limit} bytes of body; more is refused with 413, none or invalid JSON with 400. */
  public static JsonValue read(InputStream body, long limit) {
    byte[] bytes = bytes(body, limit);
    if (bytes.length == 0) {
      throw Refusal.malformed("the request body is empty; send a JSON object");
    }
    return parse(bytes);
  }

  /** A JSON object, or an empty one for an empty body (for commands whose parameters are optional). */
  public static JsonObject readOptionalObject(InputStream body, long limit) {
    byte[] bytes = bytes(body, limit);
    if (bytes.length == 0 || new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
      return JsonValue.EMPTY_JSON_OBJECT;
    }
    if (parse(bytes) instanceof JsonObject o) {
      return o;
    }
    throw Refusal.invalid("body", "must be a JSON object");
  }

  private static byte[] bytes(InputStream body, long limit) {
    byte[] bytes;
    try {
      bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
    } catch (IOException e) {
      throw Refusal.malformed("the request body could not be read: " + e.getMessage());
    }
    if (bytes.length > limit) {
      drain(body);
      throw Refusal.tooLarge("body", "must not exceed " + limit + " bytes");
    }
    return bytes;
  }

  private static JsonValue parse(byte[] bytes) {
    try {
      return Jsonp.parseUntrusted(new ByteArrayInputStream(bytes));
    } catch (JsonParsingException e) {
      var at = e.getLocation();
      throw Refusal.malformed(
          "invalid JSON at line " + at.getLineNumber() + ", column " + at.getColumnNumber() + ": " + e.getMessage());
    } catch (JsonException e) {
      throw Refusal.malformed("invalid JSON: " + e.getMessage());
    }
  }

  /** Reads and drops the rest of a refused body (bounded), so the client gets to read the answer. */
  private static void drain(InputStream body) {
    try {
      long left = MAX_DRAIN;
      byte[] sink = new byte[64 * 1024];
      for (int n; left > 0 && (n = body.read(sink, 0, (int) Math.min(sink.length, left))) > 0; ) {
        left -= n;
      }
    } catch (IOException e) {
      // the client went away; nothing to answer
    }
  }
}
