package dev.baton.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class JsonLineFormatterTest {
  private final JsonLineFormatter formatter = new JsonLineFormatter();

  private JsonObject line(LogRecord r) {
    String out = formatter.format(r);
    assertTrue(out.endsWith("}\n") && out.indexOf('\n') == out.length() - 1, "one line: " + out);
    return Json.createReader(new StringReader(out)).readObject();
  }

  @Test
  void everyCharacterSurvivesAsJson() {
    LogRecord r = new LogRecord(Level.WARNING, "AMQ222\"x\" \\ path\nsecond line\t\u0001 é");
    r.setLoggerName("org.apache.activemq.artemis.core.server");
    JsonObject o = line(r);
    assertEquals("AMQ222\"x\" \\ path\nsecond line\t\u0001 é", o.getString("LogMessage"));
    assertEquals("WARNING", o.getString("Level"));
    assertEquals("org.apache.activemq.artemis.core.server", o.getString("LoggerName"));
    assertEquals(Long.toString(r.getMillis()), o.getString("TimeMillis"));
  }

  @Test
  void parametersAndTheStackTraceAreIncluded() {
    LogRecord r = new LogRecord(Level.SEVERE, "journal {0} failed");
    r.setParameters(new Object[] {"bindings"});
    r.setThrown(new IllegalStateException("disk full"));
    JsonObject o = line(r);
    assertEquals("journal bindings failed", o.getString("LogMessage"));
    assertTrue(o.getString("Throwable").startsWith("java.lang.IllegalStateException: disk full"));
  }
}
