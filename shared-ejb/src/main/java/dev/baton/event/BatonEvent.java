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
      case "task.recovering" -> task + " recovering: " + fields.getOrDefault("reason", "");
      case "task.resumed" ->
          task + " resumed" + on + " at " + fields.getOrDefault("progress", "0") + "% (was on " + fields.getOrDefault("previous_worker", "?") + ")";
      case "task.migrating" -> task + " migrating from " + workerId + " to " + fields.get("target") + ": " + fields.getOrDefault("reason", "");
      case "task.released" ->
          task + ("1".equals(fields.get("forced")) ? " taken from " : " released by ") + workerId + " for " + fields.get("target");
      case "task.fenced" -> task + ": a stale write from " + workerId + " (epoch " + fields.get("epoch") + " < " + fields.get("current_epoch") + ") was refused";
      case "task.dead" -> task + " dead: " + fields.getOrDefault("reason", "");
      case "task.retrying" ->
          task + " retry " + fields.get("retry") + " of " + fields.get("max_retries") + " in " + fields.get("delay_ms") + " ms after: "
              + fields.getOrDefault("reason", "");
      case "task.queued" -> task + " queued again (" + fields.getOrDefault("reason", "") + ")";
      case "task.scheduled" -> task + " scheduled";
      case "task.cancelled" -> task + " cancelled: " + fields.getOrDefault("reason", "");
      case "tasks.deleted" ->
          (taskId != null ? task + " deleted" : fields.getOrDefault("count", "?") + " finished tasks deleted")
              + " (" + fields.getOrDefault("reason", "") + ")";
      case "schedule.fired" ->
          "schedule " + fields.get("schedule") + " created " + task
              + (Long.parseLong(fields.getOrDefault("late_ms", "0")) > 1_000 ? " (" + Long.parseLong(fields.get("late_ms")) / 1000 + " s late: no manager ran at its tick)" : "")
              + ("1".equals(fields.get("manual")) ? " (triggered by hand)" : "");
      case "schedule.skipped" -> "schedule " + fields.get("schedule") + " left a tick out: " + task + " has not ended (" + fields.get("status") + ")";
      case "worker.joined" -> "worker " + workerId + ("1".equals(fields.get("restarted")) ? " restarted" : " joined");
      case "worker.rejoined" -> "worker " + workerId + " rejoined (it had been declared failed)";
      case "worker.left" -> "worker " + workerId + " left";
      case "worker.failed" -> "worker " + workerId + " FAILED: " + fields.getOrDefault("reason", "");
      case "worker.overloaded" -> "worker " + workerId + " overloaded (x" + fields.getOrDefault("factor", "?") + ")";
      case "worker.unloaded" -> "worker " + workerId + " no longer overloaded";
      case "worker.fault" -> "worker " + workerId + ": " + fields.getOrDefault("reason", "");
      case "worker.recover" -> "worker " + workerId + ": " + fields.getOrDefault("reason", "");
      default -> type + (task.isEmpty() ? "" : " " + task) + on;
    };
  }
}
