package dev.baton.manager.workers.entity;

import dev.baton.cluster.WorkerRecord;
import dev.baton.cluster.WorkerStatus;
import dev.baton.manager.cluster.control.LiveWorkers;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.List;

/**
 * A worker as the API shows it.
 *
 * @param alive its lease has not expired
 * @param load running tasks per slot (1.0 = all slots busy)
 * @param queues the queues it takes tasks from; empty: every queue
 */
@JsonbPropertyOrder({
  "id", "status", "alive", "slots", "running", "load", "overloadFactor", "runningTasks", "types", "queues", "lastHeartbeat", "leaseUntil", "joinedAt",
  "host", "pid", "url", "incarnation"
})
public record WorkerView(
    String id,
    WorkerStatus status,
    boolean alive,
    int slots,
    int running,
    double load,
    double overloadFactor,
    List<String> runningTasks,
    List<String> types,
    List<String> queues,
    @JsonbNillable Instant lastHeartbeat,
    @JsonbNillable Instant leaseUntil,
    @JsonbNillable Instant joinedAt,
    String host,
    long pid,
    String url,
    String incarnation) {

  /** The same, naming only the running tasks {@code visible} lets through (a viewer's or operator's own). */
  public WorkerView onlyTasks(java.util.function.Predicate<String> visible) {
    return new WorkerView(
        id, status, alive, slots, running, load, overloadFactor, runningTasks.stream().filter(visible).toList(), types, queues,
        lastHeartbeat, leaseUntil, joinedAt, host, pid, url, incarnation);
  }

  public static WorkerView of(WorkerRecord w, Instant now) {
    boolean alive = LiveWorkers.isAlive(w, now);
    return new WorkerView(
        w.id(),
        w.status(),
        alive,
        w.slots(),
        w.running(),
        Math.round(w.load() * 100) / 100.0,
        w.overloadFactor(),
        w.activeTasks(),
        w.types(),
        w.queues(),
        w.lastHeartbeat(),
        w.leaseUntil(),
        w.joinedAt(),
        w.host(),
        w.pid(),
        w.url(),
        w.incarnation());
  }
}
