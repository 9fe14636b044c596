package dev.baton.manager.queues.control;

import dev.baton.cluster.ControlCommand;
import dev.baton.manager.config.ManagerSettings;
import dev.baton.manager.queues.entity.QueueView;
import dev.baton.manager.refusal.Refusal;
import dev.baton.messaging.BrokerUnavailableException;
import dev.baton.messaging.JmsControl;
import dev.baton.queue.QueueChange;
import dev.baton.queue.QueueLimits;
import dev.baton.queue.QueueState;
import dev.baton.store.RedisQueues;
import dev.baton.task.Queues;
import dev.baton.task.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Named queues: their state (pause, resume, stop, start) and limits, which the claim enforces across the
 * whole cluster (claim.lua), and what they hold.
 */
@ApplicationScoped
public class QueueControl {
  private static final Logger LOG = Logger.getLogger(QueueControl.class.getName());
  /** Throughput is measured over this window. */
  public static final Duration WINDOW = Duration.ofSeconds(60);
  static final int MAX_CONCURRENCY = 100_000;
  static final int MAX_RATE = 1_000_000;
  static final double MAX_RATE_WINDOW_S = 86_400;
  private static final Set<String> LIMIT_FIELDS = Set.of("concurrency", "rate_limit");

  @Inject RedisQueues queues;
  @Inject JmsControl control;
  @Inject ManagerSettings settings;

  public List<QueueView> all() {
    return queues.all(WINDOW).stream().map(q -> QueueView.of(q, WINDOW.toSeconds())).toList();
  }

  /** @throws Refusal NOT_FOUND if no task ever named it and nobody configured it */
  public QueueView find(String name) {
    return queues.find(checked(name), WINDOW).map(q -> QueueView.of(q, WINDOW.toSeconds()))
        .orElseThrow(() -> Refusal.notFound("no queue named " + name + " (a queue exists once a task names it or it is configured)"));
  }

  /** Who may control the queue besides the admins, or null. */
  public String ownerOf(String name) {
    return queues.find(checked(name), WINDOW).map(q -> q.owner()).orElse(null);
  }

  /** Gives the queue to a user (who may then pause, resume, stop and start it), or to nobody (null). */
  public QueueView setOwner(String name, String owner, String actor) {
    queues.setOwner(checked(name), owner, actor);
    return find(name);
  }

  /** The queue's state (active for a queue nobody configured). */
  public QueueState stateOf(String name) {
    return queues.find(checked(name), WINDOW).map(q -> q.state()).orElse(QueueState.ACTIVE);
  }

  /**
   * Sets the queue's state. A queue nobody used yet may be set up in advance (paused before its first task).
   * Stopping tells the workers running its tasks to hand them back at their next step boundary.
   */
  public QueueView setState(String name, QueueState state, String actor) {
    QueueChange c = queues.change(checked(name), state, null, null, actor, settings.migrationTimeout());
    for (QueueChange.Stopping s : c.stopping()) {
      try {
        control.send(s.workerId(), ControlCommand.migrate(s.taskId(), s.epoch(), null));
      } catch (BrokerUnavailableException e) {
        LOG.warning(() -> "stop of " + s.taskId() + " not sent to " + s.workerId() + "; it sees it at its next progress write: " + e.getMessage());
      }
    }
    if (!c.stopping().isEmpty()) {
      LOG.info(() -> "queue " + name + " stopped by " + actor + ": " + c.stopping().size() + " running tasks hand back at their next step");
    }
    return find(name);
  }

  /**
   * Replaces the queue's limits: {@code {"concurrency": N, "rate_limit": {"max": M, "per_s": S}}}; a limit left
   * out (or null) is removed.
   */
  public QueueView configure(String name, JsonValue request, String actor) {
    checked(name);
    if (!(request instanceof JsonObject o)) {
      throw Refusal.invalid("", "must be a JSON object: {\"concurrency\": N, \"rate_limit\": {\"max\": M, \"per_s\": S}}");
    }
    List<Violation> violations = new ArrayList<>();
    for (String field : o.keySet()) {
      if (!LIMIT_FIELDS.contains(field)) {
        violations.add(new Violation(field, "is not a queue setting (concurrency, rate_limit)"));
      }
    }
    Integer concurrency = 0;
    JsonValue c = o.get("concurrency");
    if (c != null && c != JsonValue.NULL) {
      concurrency = wholeNumber(c, 1, MAX_CONCURRENCY);
      if (concurrency == null) {
        violations.add(new Violation("concurrency", "must be a whole number from 1 to " + MAX_CONCURRENCY + " (null or left out: no limit)"));
      }
    }
    QueueLimits rate = QueueLimits.NONE;
    JsonValue r = o.get("rate_limit");
    if (r != null && r != JsonValue.NULL) {
      rate = rateLimit(r, violations);
    }
    if (!violations.isEmpty()) {
      throw Refusal.invalid(violations);
    }
    queues.change(name, null, concurrency, rate, actor, settings.migrationTimeout());
    return find(name);
  }

  private static QueueLimits rateLimit(JsonValue r, List<Violation> violations) {
    if (!(r instanceof JsonObject o) || !Set.of("max", "per_s").containsAll(o.keySet())) {
      violations.add(new Violation("rate_limit", "must be {\"max\": M, \"per_s\": S} (null or left out: no limit)"));
      return null;
    }
    Integer max = wholeNumber(o.get("max"), 1, MAX_RATE);
    if (max == null) {
      violations.add(new Violation("rate_limit.max", "must be a whole number from 1 to " + MAX_RATE + ": the most starts per window"));
    }
    Duration per = null;
    if (o.get("per_s") instanceof JsonNumber n && n.doubleValue() >= 0.001 && n.doubleValue() <= MAX_RATE_WINDOW_S) {
      per = Duration.ofMillis(Math.round(n.doubleValue() * 1000));
    } else {
      violations.add(new Violation("rate_limit.per_s", "must be a number of seconds from 0.001 to " + (long) MAX_RATE_WINDOW_S + ": the window"));
    }
    return max == null || per == null ? null : new QueueLimits(null, max, per);
  }

  private static Integer wholeNumber(JsonValue v, int min, int max) {
    if (v instanceof JsonNumber n && n.isIntegral() && n.bigDecimalValue().compareTo(java.math.BigDecimal.valueOf(min)) >= 0
        && n.bigDecimalValue().compareTo(java.math.BigDecimal.valueOf(max)) <= 0) {
      return n.intValue();
    }
    return null;
  }

  private static String checked(String name) {
    if (!Queues.isValidName(name)) {
      throw Refusal.invalid("name", "queue name " + Queues.NAME_RULE);
    }
    return name;
  }
}
