package dev.baton.manager.tasks.entity;

import dev.baton.json.Jsonp;
import dev.baton.task.TaskRecord;
import dev.baton.task.TaskStatus;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;

/** A task's state without its data and history: what a client polling one task needs (seed 001's status). */
@JsonbPropertyOrder({"taskId", "status", "progress", "progressMessage", "workerId", "result", "error", "updatedAt", "finishedAt"})
public record TaskStatusView(
    String taskId,
    TaskStatus status,
    int progress,
    @JsonbNillable String progressMessage,
    @JsonbNillable String workerId,
    @JsonbNillable JsonValue result,
    @JsonbNillable String error,
    Instant updatedAt,
    @JsonbNillable Instant finishedAt) {

  public static TaskStatusView of(TaskRecord t) {
    return new TaskStatusView(
        t.id(), t.status(), t.progress(), t.progressMessage(), t.workerId(), t.result() == null ? null : Jsonp.parse(t.result()), t.error(),
        t.updatedAt(), t.finishedAt());
  }
}
