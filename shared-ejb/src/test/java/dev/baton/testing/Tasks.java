package dev.baton.testing;

import dev.baton.task.NewTask;
import dev.baton.task.Priority;
import dev.baton.task.RetryPolicy;
import dev.baton.task.TaskLimits;
import dev.baton.task.TaskStatus;
import java.time.Instant;
import java.util.UUID;

/** Test data: {@code aTask().type("io").priority(7).build()}. */
public final class Tasks {
  private String id = UUID.randomUUID().toString();
  private String type = "computation";
  private TaskStatus status = TaskStatus.CREATED;
  private int priority = Priority.DEFAULT;
  private String data = "{\"input\":[1,2,3],\"iterations\":10}";
  private Integer checkpointIntervalS;
  private Instant runAt;
  private RetryPolicy retry = RetryPolicy.NONE;
  private TaskLimits limits = TaskLimits.NONE;
  private java.util.List<String> dependsOn = java.util.List.of();
  private dev.baton.task.TaskMeta meta = dev.baton.task.TaskMeta.NONE;

  private Tasks() {}

  public static Tasks aTask() {
    return new Tasks();
  }

  public Tasks id(String id) {
    this.id = id;
    return this;
  }

  public Tasks type(String type) {
    this.type = type;
    return this;
  }

  public Tasks status(TaskStatus status) {
    this.status = status;
    return this;
  }

  public Tasks priority(int priority) {
    this.priority = priority;
    return this;
  }

  public Tasks data(String data) {
    this.data = data;
    return this;
  }

  public Tasks checkpointEvery(int seconds) {
    this.checkpointIntervalS = seconds;
    return this;
  }

  /** A delayed task: SCHEDULED until {@code at}. */
  public Tasks runAt(Instant at) {
    this.status = TaskStatus.SCHEDULED;
    this.runAt = at;
    return this;
  }

  public Tasks retry(RetryPolicy retry) {
    this.retry = retry;
    return this;
  }

  public Tasks limits(TaskLimits limits) {
    this.limits = limits;
    return this;
  }

  /** A task with parents: WAITING until they have completed. */
  public Tasks dependsOn(String... parents) {
    this.dependsOn = java.util.List.of(parents);
    return this;
  }

  /** A label, an idempotency key and the hash of "the request". */
  /** In the named queue. */
  public Tasks queue(String queue) {
    this.meta = new dev.baton.task.TaskMeta(meta.label(), meta.idempotencyKey(), meta.requestHash(), queue, meta.critical());
    return this;
  }

  public Tasks meta(String label, String idempotencyKey, String requestHash) {
    this.meta = new dev.baton.task.TaskMeta(label, idempotencyKey, requestHash);
    return this;
  }

  public NewTask build() {
    return new NewTask(
        id, type, dependsOn.isEmpty() ? status : TaskStatus.WAITING, priority, data, checkpointIntervalS, runAt, retry, limits, dependsOn,
        meta);
  }
}
