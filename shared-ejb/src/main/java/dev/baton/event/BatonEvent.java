package dev.baton.event;

import java.time.Instant;
import java.util.Map;

/**
 * One entry of the system event log.
 *
 * @param id the stream entry id, increasing; clients resume after it
 * @param type e.g. {@code task.created}, {@code task.completed}, {@code worker.joined}
 * @param fields everything else the entry carries (from, to, epoch, attempt, ...)
 */
public record BatonEvent(String id, String type, Instant at, String taskId, String workerId, Map<String, String> fields) {

  /** One line for people. */
  public String message() {
    String task = taskId == null ? "" : "task " + taskId;
    String on = workerId == null ? "" : " on " + workerId;
    return switch (type) {
      case "task.created" -> task + " created (" + fields.getOrDefault("task_type", "?") + ")";
      case "task.started" -> task + " started" + on + ", attempt " + fields.getOrDefault("attempt", "?") + ", epoch " + fields.get("epoch");
      case "task.checkpoint" -> task + " checkpoint #" + fields.get("checkpoint") + " at " + fields.get("progress") + "%" + on;
      case "task.completed" -> task + " completed" + on;
      case "task.failed" -> task + " failed" + on;
      case "worker.joined" -> "worker " + workerId + " joined";
      case "worker.left" -> "worker " + workerId + " left";
      default -> type + (task.isEmpty() ? "" : " " + task) + on;
    };
  }
}
