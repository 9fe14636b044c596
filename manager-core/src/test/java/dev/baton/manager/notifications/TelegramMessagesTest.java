package dev.baton.manager.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.event.BatonEvent;
import dev.baton.manager.notifications.control.TelegramMessages;
import dev.baton.manager.notifications.control.TelegramSettings;
import dev.baton.task.RetryPolicy;
import dev.baton.task.TaskDependencies;
import dev.baton.task.TaskLimits;
import dev.baton.task.TaskRecord;
import dev.baton.task.TaskStatus;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TelegramMessagesTest {
  private static final Instant AT = Instant.parse("2026-12-02T03:00:00Z");

  private static TaskRecord task(TaskStatus status, String label, String error, boolean critical, String queue) {
    return new TaskRecord("6f893d0b-aaaa", "attrgen", status, 4, "{}", 100, null, "worker-1", 2, 1, AT, AT, AT, AT.plusSeconds(754), null,
        error, null, null, 0, null, 0, RetryPolicy.NONE, 0, null, null, TaskLimits.NONE, TaskDependencies.NONE, label, queue, null, critical, null);
  }

  private static BatonEvent event(String type) {
    return new BatonEvent("1-0", type, AT, "6f893d0b-aaaa", "worker-1", Map.of("reason", "boom"));
  }

  @Test
  void completionsAndFailuresAreToldCriticalOnesMarkedCancelsAndSkipsNot() {
    assertEquals(Optional.of("✅ done: AttrGen mistral (attrgen 6f893d0b) in queue night after 12 min 34 s"),
        TelegramMessages.of(event("task.completed"), task(TaskStatus.COMPLETED, "AttrGen mistral", null, false, "night")));
    assertEquals(Optional.of("❌ failed: attrgen (attrgen 6f893d0b): vLLM not reachable"),
        TelegramMessages.of(event("task.failed"), task(TaskStatus.FAILED, null, "vLLM not reachable", false, "default")));
    String critical = TelegramMessages.of(event("task.dead"), task(TaskStatus.DEAD, null, "worker died 3 times", true, "default")).orElseThrow();
    assertTrue(critical.startsWith("⚠️ CRITICAL: ❌ failed:"), critical);
    assertEquals(Optional.empty(), TelegramMessages.of(event("task.cancelled"), task(TaskStatus.CANCELLED, null, null, true, "default")));
    assertEquals(Optional.empty(), TelegramMessages.of(event("task.skipped"), task(TaskStatus.SKIPPED, null, null, true, "default")));
    assertEquals(Optional.empty(), TelegramMessages.of(event("task.started"), null));
    assertEquals(Optional.of("❌ failed: task 6f893d0b: boom"), TelegramMessages.of(event("task.failed"), null), "a task deleted meanwhile");
  }

  @Test
  void theBotApiUrlCarriesTheTokenAndNothingIsSentWithoutTokenAndChat() {
    TelegramSettings s = new TelegramSettings("123:abc", "-100", URI.create("http://127.0.0.1:9999/"));
    assertEquals("http://127.0.0.1:9999/bot123:abc/sendMessage", s.sendMessage().toString());
    assertTrue(s.enabled());
    assertTrue(!new TelegramSettings("", "-100", URI.create("https://api.telegram.org")).enabled());
    assertTrue(!new TelegramSettings("123:abc", " ", URI.create("https://api.telegram.org")).enabled());
  }
}
