package dev.baton.broker;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * The broker's log as one JSON object per line (BATON_LOG_FORMAT=json), with the keys Payara's JSONLogFormatter
 * uses for the manager and the workers (Timestamp, Level, LoggerName, ThreadName, LogMessage, Throwable), so one
 * reader serves every component. Written by hand: the broker has no JSON library and needs none for this.
 */
public final class JsonLineFormatter extends Formatter {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

  @Override
  public String format(LogRecord r) {
    StringBuilder s = new StringBuilder(256).append('{');
    field(s, "Timestamp", TIME.format(Instant.ofEpochMilli(r.getMillis())));
    field(s, "Level", r.getLevel().getName());
    field(s, "LoggerName", r.getLoggerName());
    field(s, "ThreadName", Thread.currentThread().getName());
    field(s, "TimeMillis", Long.toString(r.getMillis()));
    field(s, "LogMessage", formatMessage(r));
    if (r.getThrown() != null) {
      StringWriter trace = new StringWriter();
      r.getThrown().printStackTrace(new PrintWriter(trace));
      field(s, "Throwable", trace.toString());
    }
    s.setLength(s.length() - 1);
    return s.append("}\n").toString();
  }

  private static void field(StringBuilder s, String key, String value) {
    s.append('"').append(key).append("\":\"");
    escape(s, value == null ? "" : value);
    s.append("\",");
  }

  /** JSON string escaping: quotes, backslashes and every control character. */
  static void escape(StringBuilder s, String v) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      switch (c) {
        case '"' -> s.append("\\\"");
        case '\\' -> s.append("\\\\");
        case '\n' -> s.append("\\n");
        case '\r' -> s.append("\\r");
        case '\t' -> s.append("\\t");
        default -> {
          if (c < 0x20) {
            s.append(String.format("\\u%04x", (int) c));
          } else {
            s.append(c);
          }
        }
      }
    }
  }
}
