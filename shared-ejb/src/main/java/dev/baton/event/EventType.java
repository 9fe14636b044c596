package dev.baton.event;

import dev.baton.task.TaskStatus;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every type of entry in the system event log. The Redis scripts get the same names through {@link
 * #asLuaTable()}, so a type is spelled once; a task entering a status is logged as {@link #entering}.
 */
public enum EventType {
  TASK_CREATED("task.created"),
  /** Left SCHEDULED or RETRYING: queued for a worker again. */
  TASK_QUEUED("task.queued"),
  TASK_SCHEDULED("task.scheduled"),
  TASK_WAITING("task.waiting"),
  TASK_STARTED("task.started"),
  /** Claimed from a checkpoint (after a recovery, a migration or a retry). */
  TASK_RESUMED("task.resumed"),
  TASK_CHECKPOINT("task.checkpoint"),
  TASK_MIGRATING("task.migrating"),
  TASK_RELEASED("task.released"),
  TASK_RECOVERING("task.recovering"),
  TASK_RETRYING("task.retrying"),
  TASK_COMPLETED("task.completed"),
  TASK_FAILED("task.failed"),
  /** Someone cancelled a running task; its worker stops it at its next step boundary. */
  TASK_CANCELLING("task.cancelling"),
  TASK_CANCELLED("task.cancelled"),
  TASK_SKIPPED("task.skipped"),
  TASK_DEAD("task.dead"),
  /** Held back by its queue (paused, stopped, at its concurrency or rate limit): it starts when the queue lets it. */
  TASK_PARKED("task.parked"),
  /** A queue was paused, resumed, stopped, started or given new limits. */
  QUEUE_CHANGED("queue.changed"),
  /** Finished tasks removed for good (by retention, a purge or a delete), with their count. */
  TASKS_DELETED("tasks.deleted"),
  /** A write carrying an old epoch was refused. */
  TASK_FENCED("task.fenced"),
  /** A periodic schedule created a task (late if its tick was missed while no manager ran). */
  SCHEDULE_FIRED("schedule.fired"),
  /** A tick left out: the schedule's previous task was still running (overlap "skip"). */
  SCHEDULE_SKIPPED("schedule.skipped"),
  WORKER_JOINED("worker.joined"),
  WORKER_REJOINED("worker.rejoined"),
  WORKER_LEFT("worker.left"),
  WORKER_FAILED("worker.failed"),
  WORKER_OVERLOADED("worker.overloaded"),
  WORKER_UNLOADED("worker.unloaded"),
  /** A fault injected by a person (crash, hang, partition, ...). */
  WORKER_FAULT("worker.fault"),
  /** A simulated fault ended. */
  WORKER_RECOVER("worker.recover");

  private static final Map<String, EventType> BY_NAME =
      Arrays.stream(values()).collect(Collectors.toMap(EventType::wireName, Function.identity()));
  private static final Map<TaskStatus, EventType> ENTERING = new EnumMap<>(TaskStatus.class);

  static {
    ENTERING.put(TaskStatus.CREATED, TASK_QUEUED);
    ENTERING.put(TaskStatus.WAITING, TASK_WAITING);
    ENTERING.put(TaskStatus.SCHEDULED, TASK_SCHEDULED);
    ENTERING.put(TaskStatus.RETRYING, TASK_RETRYING);
    ENTERING.put(TaskStatus.ASSIGNED, TASK_STARTED);
    ENTERING.put(TaskStatus.RUNNING, TASK_STARTED);
    ENTERING.put(TaskStatus.MIGRATING, TASK_MIGRATING);
    ENTERING.put(TaskStatus.RELEASED, TASK_RELEASED);
    ENTERING.put(TaskStatus.RECOVERING, TASK_RECOVERING);
    ENTERING.put(TaskStatus.COMPLETED, TASK_COMPLETED);
    ENTERING.put(TaskStatus.FAILED, TASK_FAILED);
    ENTERING.put(TaskStatus.CANCELLED, TASK_CANCELLED);
    ENTERING.put(TaskStatus.SKIPPED, TASK_SKIPPED);
    ENTERING.put(TaskStatus.DEAD, TASK_DEAD);
  }

  private final String wireName;

  EventType(String wireName) {
    this.wireName = wireName;
  }

  /** The name in the log and on the wire, e.g. {@code task.completed}. */
  public String wireName() {
    return wireName;
  }

  public static Optional<EventType> of(String wireName) {
    return Optional.ofNullable(BY_NAME.get(wireName));
  }

  /** The entry logged when a task enters {@code status}. */
  public static EventType entering(TaskStatus status) {
    return ENTERING.get(status);
  }

  /** {@code EVENT = {TASK_CREATED = 'task.created', ...}} and {@code ENTERED = {RUNNING = 'task.started', ...}}. */
  public static String asLuaTable() {
    return Arrays.stream(values())
            .map(e -> e.name() + " = '" + e.wireName + "'")
            .collect(Collectors.joining(",\n  ", "local EVENT = {\n  ", "\n}\n"))
        + ENTERING.entrySet().stream()
            .map(e -> e.getKey().name() + " = '" + e.getValue().wireName + "'")
            .collect(Collectors.joining(", ", "local ENTERED = {", "}\n"));
  }
}
