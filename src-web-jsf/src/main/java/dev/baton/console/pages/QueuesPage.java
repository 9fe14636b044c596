package dev.baton.console.pages;

import dev.baton.console.faces.Attempt;
import dev.baton.console.faces.FieldMessages;
import dev.baton.json.Jsonp;
import dev.baton.manager.operations.Operations;
import dev.baton.manager.queues.control.QueueControl;
import dev.baton.manager.queues.entity.QueueView;
import dev.baton.queue.QueueState;
import dev.baton.store.StoreUnavailableException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Named queues: each with its state, its tasks, what runs and what waits, its pace; pause, resume, stop and
 * start on each row (live: task and queue events render the list again); a form sets a queue's limits. The
 * same rules as the API check it.
 */
@Named
@ViewScoped
public class QueuesPage implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Map<String, String> FIELDS =
      Map.of("name", "limitsForm:name", "concurrency", "limitsForm:concurrency", "rate_limit.max", "limitsForm:rateMax",
          "rate_limit.per_s", "limitsForm:ratePer", "rate_limit", "limitsForm:rateMax");

  @Inject dev.baton.manager.security.Callers callers;
  @Inject QueueControl queues;
  @Inject Operations ops;

  private String name;
  private Integer concurrency;
  private Integer rateMax;
  private Double ratePer;

  public List<QueueView> getAll() {
    try {
      return queues.all();
    } catch (StoreUnavailableException e) {
      return List.of();
    }
  }

  /** A queue's tasks per status, as "3 RUNNING · 12 CREATED". */
  public String tasks(QueueView q) {
    return q.tasks().isEmpty() ? "—" : String.join(" · ", q.tasks().entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).toList());
  }

  /** "at most M per S s", or "—". */
  public String rate(QueueView q) {
    if (q.rateLimit() == null || q.rateLimit() == JsonValue.NULL) {
      return "—";
    }
    var r = q.rateLimit().asJsonObject();
    return r.getInt("max") + " per " + r.getJsonNumber("per_s") + " s";
  }

  /** Whether this user may pause, resume, stop or start the queue: an admin any, an operator the ones they own. */
  public boolean mayControl(QueueView q) {
    dev.baton.security.Caller c = callers.caller();
    if (c == null || !c.role().includes(dev.baton.security.Role.OPERATOR)) {
      return false;
    }
    return c.role() == dev.baton.security.Role.ADMIN || c.name().equals(q.owner());
  }

  public void pause(String queue) {
    set(queue, QueueState.PAUSED, "nothing new starts; running tasks finish");
  }

  public void resume(String queue) {
    set(queue, QueueState.ACTIVE, "its tasks start again");
  }

  public void stop(String queue) {
    set(queue, QueueState.STOPPED, "running tasks hand back at their next step and wait");
  }

  private void set(String queue, QueueState state, String what) {
    Attempt.of(() -> ops.setQueueState(queue, state, callers.console())).ifPresent(q -> FieldMessages.info("Queue " + q.name() + " " + q.state(), what));
  }

  /** Fills the form with a queue's limits to change them. */
  public void edit(String queue) {
    Attempt.of(() -> queues.find(queue))
        .ifPresent(
            q -> {
              name = q.name();
              concurrency = q.concurrency();
              boolean rated = q.rateLimit() != null && q.rateLimit() != JsonValue.NULL;
              rateMax = rated ? q.rateLimit().asJsonObject().getInt("max") : null;
              ratePer = rated ? q.rateLimit().asJsonObject().getJsonNumber("per_s").doubleValue() : null;
            });
  }

  public void save() {
    JsonObjectBuilder b = Jsonp.object();
    if (concurrency != null) {
      b.add("concurrency", concurrency);
    }
    if (rateMax != null || ratePer != null) {
      JsonObjectBuilder r = Jsonp.object();
      if (rateMax != null) {
        r.add("max", rateMax);
      }
      if (ratePer != null) {
        r.add("per_s", ratePer);
      }
      b.add("rate_limit", r);
    }
    String queue = name == null ? "" : name.trim();
    Attempt.of(() -> ops.configureQueue(queue, b.build(), callers.console()), FIELDS)
        .ifPresent(q -> FieldMessages.info("Limits of queue " + q.name() + " set",
            (q.concurrency() == null ? "no concurrency limit" : "at most " + q.concurrency() + " at once") + ", "
                + (q.rateLimit() == JsonValue.NULL ? "no rate limit" : "at most " + rate(q))));
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public Integer getConcurrency() {
    return concurrency;
  }

  public void setConcurrency(Integer concurrency) {
    this.concurrency = concurrency;
  }

  public Integer getRateMax() {
    return rateMax;
  }

  public void setRateMax(Integer rateMax) {
    this.rateMax = rateMax;
  }

  public Double getRatePer() {
    return ratePer;
  }

  public void setRatePer(Double ratePer) {
    this.ratePer = ratePer;
  }
}
