package dev.baton.manager.notifications.control;

import dev.baton.event.BatonEvent;
import dev.baton.event.EventType;
import dev.baton.task.TaskRecord;
import java.time.Duration;
import java.util.Optional;

/**
 * What seed 004 tells on Telegram: a line when a task completes, one when it fails (or dies), marked
 * CRITICAL for a task submitted with {@code critical: true}; nothing on a cancel or a skip.
 */
public final class TelegramMessages {
  private TelegramMessages() {}

  /** True for the event types that are told: a completion, a failure, a task gone DEAD. */
  public static boolean tells(String eventType) {
    return eventType.equals(EventType.TASK_COMPLETED.wireName()) || eventType.equals(EventType.TASK_FAILED.wireName())
        || eventType.equals(EventType.TASK_DEAD.wireName());
  }

  /** The message for this event, or empty if it is not one to tell. */
  public static Optional<String> of(BatonEvent e, TaskRecord task) {
    if (!tells(e.type())) {
      return Optional.empty();
    }
    boolean completed = e.type().equals(EventType.TASK_COMPLETED.wireName());
    boolean failed = !completed;
    String name = e.taskId() == null ? "?" : e.taskId().substring(0, Math.min(8, e.taskId().length()));
    StringBuilder m = new StringBuilder();
    if (failed && task != null && task.critical()) {
      m.append("⚠️ CRITICAL: ");
    }
    m.append(completed ? "✅ done: " : "❌ failed: ");
    if (task != null) {
      m.append(task.label() != null ? task.label() : task.type()).append(" (").append(task.type()).append(' ').append(name).append(')');
      if (!task.queue().equals(dev.baton.task.Queues.DEFAULT)) {
        m.append(" in queue ").append(task.queue());
      }
      if (completed && task.startedAt() != null && task.finishedAt() != null) {
        m.append(" after ").append(human(Duration.between(task.startedAt(), task.finishedAt())));
      }
      if (failed && task.error() != null) {
        m.append(": ").append(task.error().length() > 500 ? task.error().substring(0, 500) + "…" : task.error());
      }
    } else {
      m.append("task ").append(name);
      String reason = e.fields().get("reason");
      if (failed && reason != null) {
        m.append(": ").append(reason);
      }
    }
    return Optional.of(m.toString());
  }

  static String human(Duration d) {
    long s = d.toSeconds();
    if (d.toMillis() < 1_000) {
      return d.toMillis() + " ms";
    }
    if (s < 60) {
      return d.toMillis() < 10_000 ? String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0) : s + " s";
    }
    if (s < 3600) {
      return (s / 60) + " min " + (s % 60) + " s";
    }
    return (s / 3600) + " h " + (s % 3600 / 60) + " min";
  }
}
