package dev.baton.cluster;

import java.time.Instant;
import java.util.List;

/**
 * A worker as registered in Redis by its heartbeats.
 *
 * @param incarnation a new random id per process start: tells a restart from a heartbeat
 * @param load running tasks per slot (1.0 = all slots busy)
 * @param overloadFactor how much slower the worker runs than normal (1.0 = not overloaded)
 * @param activeTasks the tasks it owns right now
 * @param queues the queues it takes tasks from; empty: every queue
 */
public record WorkerRecord(
    String id,
    WorkerStatus status,
    int slots,
    int running,
    double load,
    double overloadFactor,
    String host,
    long pid,
    String url,
    List<String> types,
    String incarnation,
    Instant joinedAt,
    Instant lastHeartbeat,
    Instant leaseUntil,
    List<String> activeTasks,
    List<String> queues) {

  /** True if it runs this type and takes tasks from this queue. */
  public boolean takes(String type, String queue) {
    return types.contains(type) && (queues.isEmpty() || queues.contains(queue));
  }
}
