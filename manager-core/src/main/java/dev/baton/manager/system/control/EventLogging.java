package dev.baton.manager.system.control;

import dev.baton.event.BatonEvent;
import dev.baton.logging.Structured;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The event log in the manager's log, one line per event with its fields (event, task_id, worker_id, epoch,
 * attempt, from, to, reason, ...): what happened to workers and what went wrong with tasks at INFO; the
 * routine steps of every task (created, queued, started, checkpoint, completed, ...) at FINE, off by default
 * (logger {@value #LOGGER}), so the hot path writes no log lines.
 */
@ApplicationScoped
public class EventLogging {
  static final String LOGGER = "dev.baton.events";
  private static final Logger LOG = Logger.getLogger(LOGGER);
  private static final Set<String> ROUTINE =
      Set.of("task.created", "task.queued", "task.scheduled", "task.waiting", "task.started", "task.checkpoint", "task.completed", "task.parked");

  void log(@Observes BatonEvent e) {
    Level level = ROUTINE.contains(e.type()) ? Level.FINE : Level.INFO;
    if (!LOG.isLoggable(level)) {
      return;
    }
    Map<String, Object> fields = Structured.fields(e.type(), e.taskId(), blankToNull(e.workerId()), null);
    e.fields().forEach(fields::putIfAbsent); // epoch, attempt, from, to, reason, ... as the event has them
    fields.put("event_id", e.id());
    Structured.log(LOG, level, fields, e.type() + ": " + (e.message() == null ? "" : e.message()), null);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
