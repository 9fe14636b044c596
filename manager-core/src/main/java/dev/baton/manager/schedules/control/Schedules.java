package dev.baton.manager.schedules.control;

import dev.baton.json.Jsonp;
import dev.baton.manager.config.ManagerSettings;
import dev.baton.manager.refusal.Refusal;
import dev.baton.manager.schedules.entity.ScheduleView;
import dev.baton.manager.tasks.control.Dispatcher;
import dev.baton.manager.tasks.control.KnownTypes;
import dev.baton.manager.tasks.control.TaskRequests;
import dev.baton.manager.tasks.control.TaskSpec;
import dev.baton.manager.tasks.control.TaskSubmission;
import dev.baton.schedule.FireResult;
import dev.baton.schedule.ScheduleRecord;
import dev.baton.store.RedisSchedules;
import dev.baton.task.DispatchOrder;
import dev.baton.task.NewTask;
import dev.baton.task.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Periodic tasks (Celery Beat): a schedule is a cron expression in a time zone and the task each tick
 * creates. Its next tick is a timer in Redis ({@code cron:<name>}); a tick is taken by one manager and
 * fired by one atomic step that also sets the next (schedule_fire.lua), so each tick creates one task
 * however many managers run, and a tick missed while none ran fires once, late, and says so.
 */
@ApplicationScoped
public class Schedules {
  private static final Logger LOG = Logger.getLogger(Schedules.class.getName());
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
  private static final Set<String> FIELDS = Set.of("name", "cron", "time_zone", "task", "overlap");
  /** A tick's own time fields make no sense for a task that recurs. */
  private static final Set<String> NOT_IN_A_SCHEDULE = Set.of("countdown_s", "run_at", "expires_at", "depends_on", "ref", "idempotency_key");

  @Inject RedisSchedules store;
  @Inject KnownTypes types;
  @Inject ManagerSettings settings;
  @Inject Dispatcher dispatcher;

  /** A schedule request that passed validation. */
  record Spec(String cron, String timeZone, CronTimes times, JsonObject task, String overlap) {}

  public List<ScheduleView> all() {
    return store.all().stream().map(ScheduleView::of).toList();
  }

  public ScheduleView find(String name) {
    return ScheduleView.of(existing(name));
  }

  /** @throws Refusal INVALID for a bad request, CONFLICT if the name is taken */
  public ScheduleView create(JsonValue request) {
    if (!(request instanceof JsonObject o)) {
      throw Refusal.invalid("body", "must be a JSON object");
    }
    JsonValue n = o.get("name");
    if (!(n instanceof JsonString s) || !NAME.matcher(s.getString()).matches()) {
      throw Refusal.invalid("name", "is required: 1 to 64 letters, digits, '_', '.' or '-', starting with a letter or digit");
    }
    String name = s.getString();
    Spec spec = parse(o);
    switch (store.save(true, name, spec.cron(), spec.timeZone(), spec.task().toString(), spec.overlap(), false, spec.times().nextAfter(Instant.now()))) {
      case EXISTS -> throw Refusal.conflict("a schedule named " + name + " exists; PUT /api/schedules/" + name + " changes it");
      default -> {
        // created
      }
    }
    return find(name);
  }

  /** Replaces cron, time zone, task and overlap; a paused schedule stays paused. */
  public ScheduleView update(String name, JsonValue request) {
    ScheduleRecord current = existing(name);
    if (!(request instanceof JsonObject o)) {
      throw Refusal.invalid("body", "must be a JSON object");
    }
    if (o.get("name") instanceof JsonString s && !s.getString().equals(name)) {
      throw Refusal.invalid("name", "cannot change (it is the schedule's id); create a new schedule instead");
    }
    Spec spec = parse(o);
    Instant next = current.paused() ? null : spec.times().nextAfter(Instant.now());
    if (store.save(false, name, spec.cron(), spec.timeZone(), spec.task().toString(), spec.overlap(), current.paused(), next) == RedisSchedules.Saved.MISSING) {
      throw Refusal.notFound("no schedule named " + name);
    }
    return find(name);
  }

  public void delete(String name) {
    if (!store.delete(name)) {
      throw Refusal.notFound("no schedule named " + name);
    }
  }

  public ScheduleView pause(String name) {
    ScheduleRecord s = existing(name);
    store.save(false, name, s.cron(), s.timeZone(), s.task(), s.overlap(), true, null);
    return find(name);
  }

  public ScheduleView resume(String name) {
    ScheduleRecord s = existing(name);
    store.save(false, name, s.cron(), s.timeZone(), s.task(), s.overlap(), false, times(s).nextAfter(Instant.now()));
    return find(name);
  }

  /** Creates the schedule's task now, besides its ticks. @return the task's id */
  public String trigger(String name) {
    ScheduleRecord s = existing(name);
    NewTask task = task(s);
    FireResult r = store.fire(name, null, Instant.now(), task, Duration.ZERO, settings.dispatchTimeout());
    if (r.outcome() != FireResult.Outcome.FIRED) {
      throw Refusal.notFound("no schedule named " + name);
    }
    send(task);
    return task.id();
  }

  /** A tick came due (the timekeeper took its timer). */
  public void tick(String name, Instant due) {
    store
        .find(name)
        .ifPresent(
            s -> {
              Instant now = Instant.now();
              Instant tick = s.nextFireAt() == null ? due : s.nextFireAt();
              Instant next = times(s).nextAfter(now.isAfter(tick) ? now : tick); // ticks missed meanwhile fire once
              NewTask task;
              try {
                task = task(s);
              } catch (Refusal invalid) {
                LOG.warning(() -> "schedule " + name + ": its task is no longer valid (" + invalid.getMessage() + "); tick left out");
                store.save(false, name, s.cron(), s.timeZone(), s.task(), s.overlap(), s.paused(), s.paused() ? null : next);
                return;
              }
              Duration late = now.isAfter(tick) ? Duration.between(tick, now) : Duration.ZERO;
              FireResult r = store.fire(name, tick, next, task, late, settings.dispatchTimeout());
              if (r.outcome() == FireResult.Outcome.FIRED) {
                send(task);
                if (late.toMillis() > 1_000) {
                  LOG.info(() -> "schedule " + name + ": tick of " + tick + " fired " + late.toSeconds() + " s late (no manager ran then)");
                }
              }
            });
  }

  private void send(NewTask t) {
    dispatcher.enqueue(List.of(new DispatchOrder(t.id(), 0, t.type(), t.priority(), null, 0, t.meta().queue())));
  }

  private NewTask task(ScheduleRecord s) {
    TaskSpec spec = requests().inside(Jsonp.parse(s.task()), "task", NOT_IN_A_SCHEDULE, "is not allowed in a schedule's task (its ticks set the time)");
    return TaskSubmission.newTask(spec, Instant.now());
  }

  private ScheduleRecord existing(String name) {
    return store.find(name).orElseThrow(() -> Refusal.notFound("no schedule named " + name));
  }

  private static CronTimes times(ScheduleRecord s) {
    return new CronTimes(s.cron(), ZoneId.of(s.timeZone()));
  }

  private Spec parse(JsonObject o) {
    List<Violation> violations = new ArrayList<>();
    for (String key : o.keySet()) {
      if (!FIELDS.contains(key)) {
        violations.add(new Violation(key, "is not a field of a schedule; known: cron, name, overlap, task, time_zone"));
      }
    }
    ZoneId zone = ZoneId.of("UTC");
    JsonValue z = o.get("time_zone");
    if (z != null && z != JsonValue.NULL) {
      try {
        zone = ZoneId.of(z instanceof JsonString s ? s.getString() : "");
      } catch (DateTimeException e) {
        violations.add(new Violation("time_zone", "unknown time zone " + z + "; e.g. UTC, Europe/Berlin, America/New_York"));
      }
    }
    CronTimes times = null;
    String cron = null;
    if (!(o.get("cron") instanceof JsonString c)) {
      violations.add(new Violation("cron", "is required: 5 fields (minute hour day month weekday) or 6 with seconds first"));
    } else {
      cron = c.getString().trim();
      try {
        times = new CronTimes(cron, zone);
        times.nextAfter(Instant.now());
      } catch (RuntimeException e) {
        violations.add(new Violation("cron", "is not a cron expression (" + e.getMessage() + "); e.g. \"*/5 * * * *\" or \"0 0 9 * * MON-FRI\""));
      }
    }
    String overlap = "skip";
    JsonValue ov = o.get("overlap");
    if (ov != null && ov != JsonValue.NULL) {
      if (ov instanceof JsonString s && (s.getString().equals("skip") || s.getString().equals("allow"))) {
        overlap = s.getString();
      } else {
        violations.add(new Violation("overlap", "must be \"skip\" (a tick whose previous task still runs creates nothing) or \"allow\""));
      }
    }
    JsonValue task = o.get("task");
    if (!(task instanceof JsonObject)) {
      violations.add(new Violation("task", "is required: the task each tick creates, e.g. {\"type\": \"noop\"}"));
    }
    if (!violations.isEmpty()) {
      throw Refusal.invalid(violations);
    }
    requests().inside(task, "task", NOT_IN_A_SCHEDULE, "is not allowed in a schedule's task (its ticks set the time)");
    return new Spec(cron, zone.getId(), times, (JsonObject) task, overlap);
  }

  private TaskRequests requests() {
    return new TaskRequests(types.all(), settings.maxDataBytes());
  }
}
