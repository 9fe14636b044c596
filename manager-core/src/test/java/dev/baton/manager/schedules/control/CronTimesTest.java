package dev.baton.manager.schedules.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class CronTimesTest {
  private static final ZoneId UTC = ZoneId.of("UTC");
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @Test
  void fiveFieldsTickOnTheMinuteSixWithSeconds() {
    Instant t = Instant.parse("2026-12-02T10:07:30Z");
    assertEquals(Instant.parse("2026-12-02T10:10:00Z"), new CronTimes("*/5 * * * *", UTC).nextAfter(t));
    assertEquals(Instant.parse("2026-12-02T10:07:31Z"), new CronTimes("* * * * * *", UTC).nextAfter(t));
    assertEquals(Instant.parse("2026-12-02T10:07:45Z"), new CronTimes("*/15 * * * * *", UTC).nextAfter(t));
  }

  @Test
  void theNextTickIsStrictlyAfter() {
    Instant onTheTick = Instant.parse("2026-12-02T10:10:00Z");
    assertEquals(Instant.parse("2026-12-02T10:15:00Z"), new CronTimes("*/5 * * * *", UTC).nextAfter(onTheTick));
  }

  @Test
  void weekdaysAndTheTimeZoneWithItsDaylightSaving() {
    // Friday 2026-12-04 18:00 in Berlin: the next weekday 09:00 is Monday (winter: UTC+1)
    assertEquals(
        Instant.parse("2026-12-07T08:00:00Z"), new CronTimes("0 9 * * MON-FRI", BERLIN).nextAfter(Instant.parse("2026-12-04T17:00:00Z")));
    // summer: UTC+2
    assertEquals(
        Instant.parse("2026-07-01T07:00:00Z"), new CronTimes("0 9 * * *", BERLIN).nextAfter(Instant.parse("2026-06-30T12:00:00Z")));
  }

  @Test
  void refusesWhatIsNotACronExpression() {
    assertThrows(IllegalArgumentException.class, () -> new CronTimes("every day", UTC));
    assertThrows(IllegalArgumentException.class, () -> new CronTimes("61 * * * *", UTC).nextAfter(Instant.now()));
  }
}
