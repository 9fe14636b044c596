package dev.baton.manager.openapi;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A schedule, as {@code Schedules.create} and {@code Schedules.update} read it. */
@Schema(description = "A cron expression in a time zone and the task each tick creates. A field not listed here is refused.")
public record ScheduleRequestSchema(
    @Schema(
            description = "Its id: 1 to 64 letters, digits, _ . -, starting with a letter or digit. Required to create; when changing"
                + " one it may be left out and must otherwise be the name in the path.",
            pattern = "^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$",
            example = "nightly-report")
        String name,
    @Schema(
            required = true,
            description = "5 fields (minute hour day month weekday) or 6 with seconds first, as Jakarta Concurrency's CronTrigger reads"
                + " them.",
            example = "0 3 * * *")
        String cron,
    @Schema(
            name = "time_zone",
            description = "The zone the cron is read in: a zone id such as UTC, Europe/Berlin or America/New_York.",
            defaultValue = "UTC",
            example = "Europe/Berlin")
        String timeZone,
    @Schema(
            required = true,
            description = "The task each tick creates: a task request without countdown_s, run_at, expires_at, depends_on, ref or"
                + " idempotency_key (its fields are named task.type, task.data, ...). Its data is limited as a task's (413).")
        TaskRequestSchema task,
    @Schema(
            description = "skip: a tick whose previous task has not ended creates nothing; allow: it creates one anyway.",
            enumeration = {"skip", "allow"},
            defaultValue = "skip")
        String overlap) {}
