package dev.baton.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void readsTheApisTimesAsInstantParseDoes() {
    for (String t :
        new String[] {
          "2026-12-03T07:24:39.961Z", "2026-12-03T07:24:39Z", "2026-12-03T07:24:39.9Z", "2026-12-03T07:24:39.123456789Z",
          "2026-02-28T23:59:59.000001Z", "1970-01-01T00:00:00Z", "2026-12-03T07:24:39.961+01:00"
        }) {
      assertEquals(java.time.OffsetDateTime.parse(t).toInstant(), Json.instant(t), t);
    }
    assertEquals(Instant.parse("2026-12-03T07:24:39.961Z"), Json.instant("2026-12-03T07:24:39.961Z"));
  }
}
