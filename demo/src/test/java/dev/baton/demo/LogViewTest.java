package dev.baton.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LogViewTest {
  @Test
  void aJsonLineBecomesOneReadableLineWithItsFields() {
    String line =
        "{\"Timestamp\":\"2026-12-03T07:24:39.961+0000\",\"Level\":\"INFO\",\"LoggerName\":\"dev.baton.worker.execution.TaskRunner\","
            + "\"ThreadName\":\"baton-slot-1\",\"event\":\"task.failed\",\"task_id\":\"t-1\",\"worker_id\":\"worker-2\",\"epoch\":\"2\","
            + "\"LogMessage\":\"task t-1 FAILED: boom\"}";
    assertEquals("07:24:39.961 INFO    TaskRunner: task t-1 FAILED: boom  [event=task.failed task_id=t-1 worker_id=worker-2 epoch=2]", LogView.render(line));
  }

  @Test
  void aLineWithAnExceptionShowsItsMessageAndTrace() {
    String line =
        "{\"Timestamp\":\"2026-12-03T08:25:45.212+0000\",\"Level\":\"WARNING\",\"LoggerName\":\"dev.baton.manager.webhooks.control.WebhookSender\","
            + "\"Throwable\":{\"Exception\":\"delivery round failed\",\"StackTrace\":\"java.lang.IllegalStateException: x\\n\\tat a.b(C.java:1)\\n\"}}";
    String shown = LogView.render(line);
    assertTrue(shown.startsWith("08:25:45.212 WARNING WebhookSender: delivery round failed\njava.lang.IllegalStateException: x"), shown);
  }

  @Test
  void textLinesStayAsTheyAre() {
    assertEquals("[2026-12-03T07:08:45.856+0000] [] [INFO] text", LogView.render("[2026-12-03T07:08:45.856+0000] [] [INFO] text"));
    assertEquals("{not json", LogView.render("{not json"));
  }
}
