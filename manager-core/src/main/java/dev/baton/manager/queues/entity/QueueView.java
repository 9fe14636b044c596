package dev.baton.manager.queues.entity;

import dev.baton.json.Jsonp;
import dev.baton.queue.QueueRecord;
import dev.baton.task.TaskStatus;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.Map;

/**
 * A named queue as the API shows it. {@code tasks}: its tasks per status (those it holds now: retention
 * removes finished ones); {@code running}: those a worker runs now; {@code parked}: those it holds back
 * (paused, stopped, at a limit); {@code throughput_per_s}: completions per second over the last minute;
 * {@code mean_wait_ms} (submit to first start) and {@code mean_run_ms} (first start to completion) over
 * every task it completed. {@code owner}: the user who may pause, resume, stop and start it besides the admins (null:
 * only admins may).
 */
@JsonbPropertyOrder({
  "name", "state", "concurrency", "rateLimit", "tasks", "running", "parked", "throughputPerS", "completed", "meanWaitMs",
  "meanRunMs", "changedAt", "changedBy", "owner"
})
public record QueueView(
    String name,
    String state,
    @JsonbNillable Integer concurrency,
    JsonValue rateLimit,
    Map<String, Long> tasks,
    long running,
    long parked,
    double throughputPerS,
    long completed,
    @JsonbNillable Long meanWaitMs,
    @JsonbNillable Long meanRunMs,
    @JsonbNillable Instant changedAt,
    @JsonbNillable String changedBy,
    @JsonbNillable String owner) {

  public static QueueView of(QueueRecord q, long windowS) {
    JsonValue rate = // {"max": M, "per_s": S}: at most M starts within any S seconds
        q.limits().rateMax() == null
            ? JsonValue.NULL
            : Jsonp.object().add("max", q.limits().rateMax()).add("per_s", q.limits().ratePer().toMillis() / 1000.0).build();
    long running = q.counts().getOrDefault(TaskStatus.RUNNING.name(), 0L) + q.counts().getOrDefault(TaskStatus.MIGRATING.name(), 0L);
    return new QueueView(
        q.name(),
        q.state().wireName(),
        q.limits().concurrency(),
        rate,
        q.counts(),
        running,
        q.parked(),
        Math.round(q.completedRecently() * 100.0 / windowS) / 100.0,
        q.completed(),
        q.completed() == 0 ? null : q.waitMsTotal() / q.completed(),
        q.completed() == 0 ? null : q.runMsTotal() / q.completed(),
        q.changedAt(),
        q.changedBy(),
        q.owner());
  }
}
