package dev.baton.manager.tasks.entity;

import dev.baton.json.Jsonp;
import dev.baton.task.NewTask;
import dev.baton.task.RetryPolicy;
import dev.baton.task.TaskRecord;
import dev.baton.task.TaskStatus;
import dev.baton.task.Transition;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.List;

/**
 * A task as the API shows it (snake_case: {@code worker_id}, {@code created_at}, ...). The seed's fields
 * come first; fields not yet set are {@code null}, so every task has the same shape. {@code history} is
 * only in the answer for a single task. {@code next_attempt_at} is set while the task is RETRYING, {@code run_at}
 * for a delayed task. {@code depends_on} names the tasks it waits for ({@code parents_left} of them not
 * completed yet); {@code parent_results} are their results, which its handler received. {@code label} is
 * the submitter's free text, found by {@code ?q=}. {@code queue} is its named queue; {@code parked_reason}
 * says why the queue holds it back (paused, stopped, at a limit), else null. {@code critical}: its
 * notifications are marked critical. {@code owner}: the user who submitted it (viewers and operators see only
 * their own tasks).
 */
@JsonbPropertyOrder({
  "id", "type", "status", "priority", "data", "progress", "progressMessage", "workerId", "attempt", "epoch",
  "createdAt", "updatedAt", "startedAt", "finishedAt", "result", "error", "checkpointData", "lastCheckpointAt",
  "checkpoints", "checkpointIntervalS", "maxRetries", "retries", "retryBackoff", "retryDelayMs", "retryMaxDelayMs",
  "nextAttemptAt", "runAt", "timeLimitS", "softTimeLimitS", "expiresAt", "label", "queue", "parkedReason", "critical", "owner", "dependsOn", "parentsLeft", "parentResults", "history"
})
public record TaskView(
    String id,
    String type,
    TaskStatus status,
    int priority,
    JsonValue data,
    int progress,
    @JsonbNillable String progressMessage,
    @JsonbNillable String workerId,
    int attempt,
    long epoch,
    Instant createdAt,
    Instant updatedAt,
    @JsonbNillable Instant startedAt,
    @JsonbNillable Instant finishedAt,
    @JsonbNillable JsonValue result,
    @JsonbNillable String error,
    @JsonbNillable JsonValue checkpointData,
    @JsonbNillable Instant lastCheckpointAt,
    int checkpoints,
    @JsonbNillable Integer checkpointIntervalS,
    int maxRetries,
    int retries,
    String retryBackoff,
    long retryDelayMs,
    long retryMaxDelayMs,
    @JsonbNillable Instant nextAttemptAt,
    @JsonbNillable Instant runAt,
    @JsonbNillable Integer timeLimitS,
    @JsonbNillable Integer softTimeLimitS,
    @JsonbNillable Instant expiresAt,
    @JsonbNillable String label,
    String queue,
    @JsonbNillable String parkedReason,
    boolean critical,
    @JsonbNillable String owner,
    List<String> dependsOn,
    int parentsLeft,
    @JsonbNillable JsonValue parentResults,
    List<TransitionView> history) {

  /** A task just created, from what the request already parsed. */
  public static TaskView created(NewTask t, JsonValue data, Instant at) {
    RetryPolicy r = t.retry();
    return new TaskView(
        t.id(), t.type(), t.status(), t.priority(), data, 0, null, null, 0, 0, at, at, null, null, null, null, null, null, 0,
        t.checkpointIntervalS(), r.maxRetries(), 0, r.backoff().wireName(), r.delayMs(), r.maxDelayMs(), null, t.runAt(),
        t.limits().timeLimitS(), t.limits().softTimeLimitS(), t.limits().expiresAt(), t.meta().label(), t.meta().queue(), null, t.meta().critical(), t.meta().owner(), t.dependsOn(), t.dependsOn().size(), null, null);
  }

  public static TaskView of(TaskRecord t) {
    return of(t, null);
  }

  public static TaskView of(TaskRecord t, List<Transition> history) {
    return new TaskView(
        t.id(),
        t.type(),
        t.status(),
        t.priority(),
        json(t.data()),
        t.progress(),
        t.progressMessage(),
        t.workerId(),
        t.attempt(),
        t.epoch(),
        t.createdAt(),
        t.updatedAt(),
        t.startedAt(),
        t.finishedAt(),
        json(t.result()),
        t.error(),
        json(t.checkpointData()),
        t.lastCheckpointAt(),
        t.checkpoints(),
        t.checkpointIntervalS(),
        t.retry().maxRetries(),
        t.retries(),
        t.retry().backoff().wireName(),
        t.retry().delayMs(),
        t.retry().maxDelayMs(),
        t.status() == TaskStatus.RETRYING ? t.wakeAt() : null,
        t.runAt(),
        t.limits().timeLimitS(),
        t.limits().softTimeLimitS(),
        t.limits().expiresAt(),
        t.label(),
        t.queue(),
        t.parkedReason(),
        t.critical(),
        t.owner(),
        t.dependencies().dependsOn(),
        t.dependencies().parentsLeft(),
        json(t.dependencies().parentResults()),
        history == null ? null : history.stream().map(TransitionView::of).toList());
  }

  /**
   * The id's hash: consistent with equals (equal views have equal ids) and cheap. JSON-B's recursion check puts every
   * object it writes into a HashSet and takes it out again, and the record's own hash walks the task's data,
   * result and history each time: 13% of the manager's CPU under the bench (ADR 0054).
   */
  @Override
  public int hashCode() {
    return java.util.Objects.hashCode(id);
  }

  private static JsonValue json(String text) {
    if (text == null) {
      return null;
    }
    return Jsonp.parse(text);
  }
}
