package dev.baton.manager.queues.entity;

import dev.baton.json.Jsonp;
import dev.baton.task.TaskRecord;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.List;

/**
 * A task as seed 004's queue API shows it: {@code task_id}, {@code task_type}, {@code config}, its status
 * word, and Baton's own status ({@code baton_status}) beside it.
 */
@JsonbPropertyOrder({
  "taskId", "taskType", "status", "label", "config", "dependsOn", "queue", "progress", "progressMessage", "workerId", "createdAt",
  "startedAt", "finishedAt", "result", "error", "parentResults", "batonStatus"
})
public record SeedTaskView(
    String taskId,
    String taskType,
    String status,
    @JsonbNillable String label,
    JsonValue config,
    List<String> dependsOn,
    String queue,
    int progress,
    @JsonbNillable String progressMessage,
    @JsonbNillable String workerId,
    Instant createdAt,
    @JsonbNillable Instant startedAt,
    @JsonbNillable Instant finishedAt,
    @JsonbNillable JsonValue result,
    @JsonbNillable String error,
    @JsonbNillable JsonValue parentResults,
    String batonStatus) {

  public static SeedTaskView of(TaskRecord t) {
    return new SeedTaskView(
        t.id(),
        t.type(),
        SeedStatus.of(t.status()).word(),
        t.label(),
        Jsonp.parse(t.data()),
        t.dependencies().dependsOn(),
        t.queue(),
        t.progress(),
        t.progressMessage(),
        t.workerId(),
        t.createdAt(),
        t.startedAt(),
        t.finishedAt(),
        t.result() == null ? null : Jsonp.parse(t.result()),
        t.error(),
        t.dependencies().parentResults() == null ? null : Jsonp.parse(t.dependencies().parentResults()),
        t.status().name());
  }
}
