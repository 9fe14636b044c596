package dev.baton.logging;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Log lines that carry fields: a message for people and a {@code Map} parameter of fields (event, task_id,
 * worker_id, epoch, ...). Payara's JSONLogFormatter ({@code BATON_LOG_FORMAT=json}) writes each entry of a Map
 * parameter as a key of the line's JSON object; the text formatter shows the message only. Nothing is built
 * unless the level is on.
 */
public final class Structured {
  public static final String EVENT = "event";
  public static final String TASK = "task_id";
  public static final String WORKER = "worker_id";
  public static final String EPOCH = "epoch";

  private Structured() {}

  /** The usual fields, those that are null left out. */
  public static Map<String, Object> fields(String event, String taskId, String workerId, Long epoch) {
    Map<String, Object> f = new LinkedHashMap<>();
    put(f, EVENT, event);
    put(f, TASK, taskId);
    put(f, WORKER, workerId);
    put(f, EPOCH, epoch);
    return f;
  }

  public static void log(Logger logger, Level level, String event, String taskId, String workerId, Long epoch, Supplier<String> message) {
    if (logger.isLoggable(level)) {
      log(logger, level, fields(event, taskId, workerId, epoch), message.get(), null);
    }
  }

  /** A line with these fields; {@code thrown} may be null. */
  public static void log(Logger logger, Level level, Map<String, ?> fields, String message, Throwable thrown) {
    if (!logger.isLoggable(level)) {
      return;
    }
    LogRecord r = new LogRecord(level, literal(message));
    r.setLoggerName(logger.getName());
    r.setSourceClassName(logger.getName());
    r.setSourceMethodName(String.valueOf(fields.get(EVENT)));
    r.setParameters(new Object[] {fields});
    r.setThrown(thrown);
    logger.log(r);
  }

  /**
   * With parameters set, formatters run a message holding "{0}".."{3}" through MessageFormat: quoted, such a
   * message (a task's error text, say) comes out as it was.
   */
  static String literal(String message) {
    if (message == null || !message.matches("(?s).*\\{[0-3].*")) {
      return message;
    }
    return "'" + message.replace("'", "''") + "'";
  }

  private static void put(Map<String, Object> f, String key, Object value) {
    if (value != null) {
      f.put(key, value);
    }
  }
}
