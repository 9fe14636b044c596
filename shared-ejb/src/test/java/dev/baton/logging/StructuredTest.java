package dev.baton.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;

class StructuredTest {
  private final List<LogRecord> records = new ArrayList<>();
  private final Logger logger = Logger.getLogger("dev.baton.logging.test");

  StructuredTest() {
    logger.setUseParentHandlers(false);
    logger.setLevel(Level.INFO);
    logger.addHandler(
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            records.add(r);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        });
  }

  @Test
  void theFieldsTravelAsAMapParameterWithoutNulls() {
    Structured.log(logger, Level.INFO, "task.released", "t-1", "worker-2", 7L, () -> "task t-1 released");
    LogRecord r = records.get(0);
    assertEquals("task t-1 released", r.getMessage());
    assertEquals(Map.of("event", "task.released", "task_id", "t-1", "worker_id", "worker-2", "epoch", 7L), r.getParameters()[0]);
    assertEquals(List.of("event", "task_id", "worker_id"), List.copyOf(Structured.fields("e", "t", "w", null).keySet()));
  }

  @Test
  void nothingIsBuiltBelowTheLevel() {
    Structured.log(logger, Level.FINE, "task.claim_refused", "t-1", "worker-2", 1L, () -> {
      throw new AssertionError("the message must not be built");
    });
    assertEquals(0, records.size());
  }

  @Test
  void aMessageWithPlaceholdersComesOutAsItWas() {
    String error = "handler failed: expected {0} at {1}, it's bad";
    Structured.log(logger, Level.WARNING, "task.failed", "t-1", null, null, () -> error);
    assertEquals(error, new SimpleFormatter().formatMessage(records.get(0)));
    assertNull(Structured.literal(null));
    assertEquals("plain", Structured.literal("plain"));
  }
}
