package dev.baton.manager.schedules.entity;

import dev.baton.json.Jsonp;
import dev.baton.schedule.ScheduleRecord;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;

/** A periodic schedule as the API shows it (snake_case). */
@JsonbPropertyOrder({
  "name", "cron", "timeZone", "task", "overlap", "paused", "nextFireAt", "lastFireAt", "lastTaskId", "fires", "skipped", "createdAt",
  "updatedAt"
})
public record ScheduleView(
    String name,
    String cron,
    String timeZone,
    JsonValue task,
    String overlap,
    boolean paused,
    @JsonbNillable Instant nextFireAt,
    @JsonbNillable Instant lastFireAt,
    @JsonbNillable String lastTaskId,
    long fires,
    long skipped,
    Instant createdAt,
    Instant updatedAt) {

  public static ScheduleView of(ScheduleRecord s) {
    return new ScheduleView(
        s.name(), s.cron(), s.timeZone(), Jsonp.parse(s.task()), s.overlap(), s.paused(), s.nextFireAt(), s.lastFireAt(), s.lastTaskId(),
        s.fires(), s.skipped(), s.createdAt(), s.updatedAt());
  }
}
