package dev.baton.demo;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Reads logs in either format from standard input and writes them for people ({@code ./demo.sh logs}): a JSON
 * line (BATON_LOG_FORMAT=json) becomes {@code time level logger: message  key=value ...} with Baton's fields
 * (event, task_id, worker_id, epoch, ...); any other line is written as it is.
 */
public final class LogView {
  /** Keys every JSON line has; what is left are the line's own fields. */
  private static final Set<String> STANDARD =
      Set.of(
          "Timestamp", "Level", "Version", "LoggerName", "ThreadID", "ThreadName", "TimeMillis", "LevelValue", "LogMessage", "MessageID",
          "ClassName", "MethodName", "RecordNumber", "Throwable", "Exception", "StackTrace");
  private static final JsonProvider JSON = JsonProvider.provider();

  private LogView() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = in.readLine()) != null; ) {
      out.println(render(line));
    }
  }

  static String render(String line) {
    if (!line.startsWith("{")) {
      return line;
    }
    JsonObject o;
    try {
      o = JSON.createReader(new StringReader(line)).readObject();
    } catch (RuntimeException notJson) {
      return line;
    }
    StringBuilder s = new StringBuilder();
    String time = text(o, "Timestamp");
    s.append(time.length() >= 23 ? time.substring(11, 23) : time).append(' ');
    s.append(String.format("%-7s ", text(o, "Level")));
    String logger = text(o, "LoggerName");
    // Payara puts the message of a line with an exception into Throwable: {"Exception": message, "StackTrace": ...}
    JsonObject thrown = o.get("Throwable") instanceof JsonObject t ? t : null;
    String message = o.containsKey("LogMessage") || thrown == null ? text(o, "LogMessage") : text(thrown, "Exception");
    s.append(logger.substring(logger.lastIndexOf('.') + 1)).append(": ").append(message.strip());
    String fields =
        o.entrySet().stream()
            .filter(e -> !STANDARD.contains(e.getKey()))
            .map(e -> e.getKey() + "=" + (e.getValue() instanceof JsonString str ? str.getString() : e.getValue().toString()))
            .reduce((a, b) -> a + " " + b)
            .orElse("");
    if (!fields.isEmpty()) {
      s.append("  [").append(fields).append(']');
    }
    String trace = thrown != null ? text(thrown, "StackTrace") : text(o, "Throwable") + text(o, "StackTrace");
    if (!trace.isBlank()) {
      s.append('\n').append(trace.stripTrailing());
    }
    return s.toString();
  }

  private static String text(JsonObject o, String key) {
    JsonValue v = o.get(key);
    return v instanceof JsonString s ? s.getString() : v == null || v == JsonValue.NULL ? "" : v.toString();
  }
}
