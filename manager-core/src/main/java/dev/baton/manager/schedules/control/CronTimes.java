package dev.baton.manager.schedules.control;

import jakarta.enterprise.concurrent.CronTrigger;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * Cron expressions, parsed and evaluated by Jakarta Concurrency's {@link CronTrigger} (standard 5 fields, or 6
 * with seconds first), in the schedule's time zone: daylight saving changes are the trigger's business.
 */
public final class CronTimes extends CronTrigger {

  /** @throws IllegalArgumentException for an expression the trigger cannot read */
  public CronTimes(String cron, ZoneId zone) {
    super(cron, zone);
  }

  /** The first tick strictly after {@code after}. */
  public Instant nextAfter(Instant after) {
    // the trigger's next() may return its argument itself; ticks are whole seconds
    ZonedDateTime next = next(after.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1).atZone(getZoneId()));
    if (next == null) {
      throw new IllegalArgumentException("the expression has no tick after " + after);
    }
    return next.toInstant();
  }
}
