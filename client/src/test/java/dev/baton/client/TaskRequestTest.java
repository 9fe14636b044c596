package dev.baton.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskRequestTest {
  @Test
  void buildsTheApiRequestWithItsFieldNames() {
    TaskRequest r =
        TaskRequest.of("sleep")
            .data(Map.of("steps", 5, "nested", Map.of("list", List.of(1, "two"))))
            .priority(7)
            .queue("gpu")
            .label("nightly run")
            .maxRetries(3)
            .delay(Duration.ofMillis(1500))
            .timeLimit(Duration.ofMinutes(2))
            .dependsOn("a", "b")
            .idempotencyKey("order-4711");
    var body = r.body();
    assertEquals("sleep", body.getString("type"));
    assertEquals(5, body.getJsonObject("data").getInt("steps"));
    assertEquals("two", body.getJsonObject("data").getJsonObject("nested").getJsonArray("list").getString(1));
    assertEquals(7, body.getInt("priority"));
    assertEquals("gpu", body.getString("queue"));
    assertEquals(3, body.getInt("max_retries"));
    assertEquals(1.5, body.getJsonNumber("countdown_s").doubleValue());
    assertEquals(120, body.getInt("time_limit_s"));
    assertEquals(List.of("a", "b"), body.getJsonArray("depends_on").getValuesAs(jakarta.json.JsonString::getString));
    assertEquals("order-4711", r.idempotencyKey());
  }

  @Test
  void isImmutableAndWithNullRemovesAField() {
    TaskRequest plain = TaskRequest.of("noop");
    TaskRequest timed = plain.runAt(Instant.parse("2026-12-24T18:00:00Z"));
    assertNull(Json.string(plain.body(), "run_at"));
    assertEquals("2026-12-24T18:00:00Z", timed.body().getString("run_at"));
    assertEquals(plain, timed.with("run_at", null));
  }
}
