package dev.baton.manager.system.control;

import dev.baton.event.BatonEvent;
import java.util.Map;

/**
 * Says in words what an event means and why it happened, for people learning how Baton works: the
 * console's event list and its "explain" panel, and the demo scenarios' narration. Each event carries
 * what its explanation needs (epochs, checkpoints, reasons), so this needs no state.
 */
public final class Explanations {
  private Explanations() {}

  /**
   * @param text what happened, in one sentence
   * @param why what it means for the system (empty for routine events)
   * @param notable a failure, recovery, migration, fencing, overload or membership change: worth
   *     explaining beside the picture (routine progress is not)
   */
  public record Explanation(String text, String why, boolean notable) {}

  /** The first eight characters of a task id, as the console shows them. */
  public static String shortId(String id) {
    return id == null ? "?" : id.length() > 8 ? id.substring(0, 8) : id;
  }

  public static Explanation of(BatonEvent e) {
    Map<String, String> f = e.fields();
    String task = "task " + shortId(e.taskId());
    String worker = e.workerId() == null || e.workerId().isEmpty() ? "?" : e.workerId();
    return switch (e.type()) {
      case "task.created" -> routine(task + " (" + f.getOrDefault("task_type", "?") + ") was accepted and waits for a free worker slot");
      case "task.started" -> started(e, task, worker);
      case "task.resumed" -> resumed(e, task, worker);
      case "task.checkpoint" ->
          routine(
              worker + " saved checkpoint #" + f.get("checkpoint") + " of " + task + " at " + f.get("progress")
                  + " %: if " + worker + " died now, the task would resume from here");
      case "task.completed" -> routine(task + " completed on " + worker + took(e));
      case "task.failed" -> new Explanation(task + " failed on " + worker + took(e), "its handler reported an error: the failure is its result", true);
      case "task.recovering" -> recovering(e, task, worker);
      case "task.dead" -> new Explanation(task + " is DEAD: " + f.getOrDefault("reason", ""), "Baton gave up on it; it is not run again by itself", true);
      case "task.migrating" ->
          new Explanation(
              task + " is migrating from " + worker + " to " + f.get("target") + " (" + f.getOrDefault("reason", "") + ")",
              worker + " keeps running it to its next step boundary, writes a final checkpoint there and lets go; "
                  + f.get("target") + " then resumes it from that checkpoint",
              true);
      case "task.released" -> released(e, task, worker);
      case "task.retrying" ->
          new Explanation(
              task + " failed on " + worker + " (" + f.getOrDefault("reason", "") + "); retry " + f.get("retry") + " of "
                  + f.get("max_retries") + " in " + f.get("delay_ms") + " ms",
              ("1".equals(f.get("requested")) ? "its handler asked for the retry; " : "")
                  + "its retry policy allows more attempts: it waits RETRYING, then any worker resumes it from its last checkpoint",
              true);
      case "task.queued" ->
          routine(task + " is queued again: " + f.getOrDefault("reason", "") + "; the timer that woke it is kept in Redis, so no manager restart loses it");
      case "task.scheduled" -> routine(task + " is scheduled for later");
      case "schedule.fired" -> routine(e.message() + "; the tick was taken by one manager and fired in one step, so it creates one task");
      case "schedule.skipped" -> new Explanation(e.message(), "its overlap is \"skip\": one task of a schedule at a time", true);
      case "task.cancelling" ->
          new Explanation(
              task + " was cancelled while " + worker + " runs it (" + f.getOrDefault("reason", "") + ")",
              worker + " stops it at its next step boundary; if it has not within the grace period, the manager cancels it anyway"
                  + " and fences " + worker,
              true);
      case "task.cancelled" ->
          new Explanation(task + " is CANCELLED: " + f.getOrDefault("reason", ""), "it will not run (further)", true);
      case "task.fenced" ->
          new Explanation(
              worker + " tried to write to " + task + " with epoch " + f.get("epoch") + ", but the task is at epoch "
                  + f.get("current_epoch") + " (" + f.getOrDefault("status", "?") + "): refused",
              "fencing: a worker that lost a task (declared failed, or the task moved on) can never overwrite its state or"
                  + " record a second result",
              true);
      case "worker.joined" ->
          new Explanation(
              worker + ("1".equals(f.get("restarted")) ? " started again (a new process)" : " joined the cluster"),
              "it heartbeats every second and takes tasks from the broker, one per free slot",
              true);
      case "worker.rejoined" ->
          new Explanation(
              worker + " is back: it had been declared FAILED",
              "its tasks were recovered elsewhere meanwhile; anything it still writes for them carries an old epoch and is refused",
              true);
      case "worker.left" -> new Explanation(worker + " left cleanly", "its running tasks were checkpointed and handed back first", true);
      case "worker.failed" -> failed(e, worker);
      case "worker.overloaded" ->
          new Explanation(
              worker + " is OVERLOADED (every step takes " + factor(f) + " times as long)",
              "the balancer moves its running tasks to the least loaded workers with a free slot, each at most once a minute",
              true);
      case "worker.unloaded" -> new Explanation(worker + " is no longer overloaded", "it takes new tasks at full speed again", true);
      case "worker.fault" -> fault(e, worker);
      case "worker.recover" -> new Explanation(worker + ": simulated failures undone (" + actor(f) + ")", "", true);
      default -> routine(e.message());
    };
  }

  private static Explanation routine(String text) {
    return new Explanation(text, "", false);
  }

  private static Explanation started(BatonEvent e, String task, String worker) {
    Map<String, String> f = e.fields();
    String previous = f.getOrDefault("previous_worker", "");
    if (!previous.isEmpty() && !previous.equals(worker)) {
      return new Explanation(
          task + " started again on " + worker + " from the beginning (attempt " + f.get("attempt") + ", epoch " + f.get("epoch") + ")",
          "it had no checkpoint yet when it left " + previous + ", so there was nothing to resume from",
          true);
    }
    return routine(worker + " claimed " + task + " and started it (attempt " + f.get("attempt") + ", epoch " + f.get("epoch") + ")" + waited(e));
  }

  private static Explanation resumed(BatonEvent e, String task, String worker) {
    Map<String, String> f = e.fields();
    String previous = f.getOrDefault("previous_worker", "");
    String from = previous.isEmpty() ? "" : " (it was on " + previous + ")";
    return new Explanation(
        task + " resumed on " + worker + " from checkpoint #" + f.getOrDefault("checkpoint", "?") + " at " + f.getOrDefault("progress", "0")
            + " %, epoch " + f.getOrDefault("previous_epoch", "?") + " -> " + f.get("epoch") + from,
        "the claim raised the epoch: only " + worker + "'s writes count now"
            + (previous.isEmpty() ? "" : "; a late write from " + previous + " would be refused"),
        true);
  }

  private static Explanation recovering(BatonEvent e, String task, String worker) {
    Map<String, String> f = e.fields();
    long epoch = parse(f.get("epoch"));
    return new Explanation(
        task + " is RECOVERING: " + f.getOrDefault("reason", "its worker is gone"),
        "epoch " + (epoch - 1) + " -> " + epoch + ": " + worker + " is fenced off; the task waits for a live worker to resume it"
            + " from its last checkpoint",
        true);
  }

  private static Explanation released(BatonEvent e, String task, String worker) {
    Map<String, String> f = e.fields();
    if ("1".equals(f.get("forced"))) {
      return new Explanation(
          "the manager took " + task + " from " + worker + " for " + f.get("target") + ": " + f.getOrDefault("reason", ""),
          "epoch " + f.get("epoch") + " fences " + worker + "; " + f.get("target") + " resumes from the last checkpoint there was",
          true);
    }
    return new Explanation(
        worker + " let go of " + task + " for " + f.get("target") + " at a step boundary, with a final checkpoint",
        "epoch " + f.get("epoch") + ": " + worker + " can no longer write to it; only " + f.get("target") + " may claim it",
        true);
  }

  private static Explanation failed(BatonEvent e, String worker) {
    String reason = e.fields().getOrDefault("reason", "");
    String how;
    if (reason.contains("lease expired")) {
      how = "it missed its heartbeats until its lease ran out: it may be frozen, hung or cut off, or dead";
    } else if (reason.contains("Redis connections closed")) {
      how = "the broker saw its connection close and it holds no Redis connection either: the process is gone";
    } else {
      how = "the broker saw its connection close and no heartbeat followed";
    }
    return new Explanation(
        worker + " FAILED: " + reason,
        how + ". Its tasks go RECOVERING with a new epoch (fencing it) and resume elsewhere from their last checkpoints",
        true);
  }

  private static Explanation fault(BatonEvent e, String worker) {
    Map<String, String> f = e.fields();
    String mode = f.getOrDefault("mode", "");
    String what =
        switch (mode) {
          case "CRASH" -> "its process halts at once, like kill -9";
          case "HANG" -> "it freezes: no heartbeats, no work, its connections stay open";
          case "PARTITION" -> "network".equals(f.get("how"))
              ? "its network links are cut: nothing it sends reaches the cluster, but its work goes on (a zombie the epoch will fence)"
              : "it is cut off: no heartbeats, but its work goes on (a zombie the epoch will fence)";
          default -> mode.toLowerCase();
        };
    return new Explanation(worker + " is made to fail (" + mode.toLowerCase() + ", " + actor(f) + "): " + what, "", true);
  }

  private static String took(BatonEvent e) {
    long created = parse(e.fields().get("created_at"));
    if (created <= 0) {
      return "";
    }
    return String.format(java.util.Locale.ROOT, " %.2f s after it was created", (e.at().toEpochMilli() - created) / 1000.0);
  }

  private static String waited(BatonEvent e) {
    long created = parse(e.fields().get("created_at"));
    if (created <= 0) {
      return "";
    }
    return String.format(java.util.Locale.ROOT, " after %.2f s in the queue", (e.at().toEpochMilli() - created) / 1000.0);
  }

  private static String factor(Map<String, String> f) {
    String v = f.getOrDefault("factor", "?");
    return v.endsWith(".0") ? v.substring(0, v.length() - 2) : v;
  }

  private static String actor(Map<String, String> f) {
    return "requested by " + f.getOrDefault("actor", "someone");
  }

  private static long parse(String v) {
    try {
      return v == null ? 0 : Long.parseLong(v);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
