package dev.baton.schedule;

import java.time.Instant;

/**
 * A periodic schedule as stored (Celery Beat's entry).
 *
 * @param task the request of the task each tick creates, as JSON text (validated like any task request)
 * @param overlap {@code skip}: a tick whose previous task has not ended creates nothing; {@code allow}
 * @param nextFireAt the next tick, or {@code null} while paused
 */
public record ScheduleRecord(
    String name,
    String cron,
    String timeZone,
    String task,
    String overlap,
    boolean paused,
    Instant nextFireAt,
    Instant lastFireAt,
    String lastTaskId,
    long fires,
    long skipped,
    Instant createdAt,
    Instant updatedAt) {}
