package dev.baton.store;

import dev.baton.schedule.FireResult;
import dev.baton.schedule.ScheduleRecord;
import dev.baton.store.LuaScripts.Script;
import dev.baton.task.NewTask;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Periodic schedules in Redis: one hash each, an index by creation, and a timer {@code cron:<name>} each. */
public class RedisSchedules {
  private final Redis redis;
  private final RedisKeys keys;

  public RedisSchedules(Redis redis) {
    this.redis = redis;
    this.keys = redis.keys();
  }

  public enum Saved {
    OK,
    EXISTS,
    MISSING
  }

  /**
   * Creates ({@code create}) or replaces a schedule.
   *
   * @param nextFireAt its first tick, or {@code null} to keep it paused
   */
  public Saved save(boolean create, String name, String cron, String timeZone, String task, String overlap, boolean paused, Instant nextFireAt) {
    List<?> r =
        (List<?>)
            redis.eval(
                Script.SCHEDULE_SAVE,
                List.of(
                    name, create ? "create" : "update", nextFireAt == null ? "" : Long.toString(nextFireAt.toEpochMilli()),
                    "cron", cron, "time_zone", timeZone, "task", task, "overlap", overlap, "paused", paused ? "1" : "0"));
    return Saved.valueOf(RedisTaskStore.str(r, 0).toUpperCase(java.util.Locale.ROOT));
  }

  public Optional<ScheduleRecord> find(String name) {
    Map<String, String> h = redis.read(c -> c.hgetAll(keys.schedule(name)));
    return h.isEmpty() ? Optional.empty() : Optional.of(toRecord(h));
  }

  /** Every schedule, oldest first. */
  public List<ScheduleRecord> all() {
    List<ScheduleRecord> out = new ArrayList<>();
    for (String name : redis.read(c -> c.zrange(keys.schedules(), 0, -1))) {
      find(name).ifPresent(out::add);
    }
    return out;
  }

  /** @return false if there was no such schedule */
  public boolean delete(String name) {
    return redis.call(
            c -> {
              long removed = c.del(keys.schedule(name));
              c.zrem(keys.schedules(), name);
              c.zrem(keys.timers(), "cron:" + name);
              return removed;
            })
        > 0;
  }

  /**
   * One tick (see schedule_fire.lua): creates {@code task} unless another manager took the tick, the schedule
   * is paused, or (overlap skip) its previous task still runs; the next tick is set in the same step.
   *
   * @param tick the tick's time, or {@code null} for a manual trigger (the timer stays as it is)
   * @param late how much later than its tick this runs (a tick missed while no manager ran fires once, late)
   */
  public FireResult fire(String name, Instant tick, Instant next, NewTask task, Duration late, Duration dispatchTimeout) {
    List<String> args = new ArrayList<>();
    args.add(name);
    args.add(tick == null ? "" : Long.toString(tick.toEpochMilli()));
    args.add(Long.toString(next.toEpochMilli()));
    args.add(Long.toString(dispatchTimeout.toMillis()));
    args.add(Long.toString(late.toMillis()));
    args.add(task.id());
    args.add(task.type());
    args.add(Integer.toString(task.priority()));
    args.addAll(RedisTaskStore.storedFields(task));
    List<?> r = (List<?>) redis.eval(Script.SCHEDULE_FIRE, args);
    return new FireResult(FireResult.Outcome.valueOf(RedisTaskStore.str(r, 0).toUpperCase(java.util.Locale.ROOT)), RedisTaskStore.emptyToNull(RedisTaskStore.str(r, 1)));
  }

  private static ScheduleRecord toRecord(Map<String, String> h) {
    return new ScheduleRecord(
        h.get("name"),
        h.get("cron"),
        h.get("time_zone"),
        h.get("task"),
        h.get("overlap"),
        "1".equals(h.get("paused")),
        RedisTaskStore.instantOf(h, "next_fire_at"),
        RedisTaskStore.instantOf(h, "last_fire_at"),
        h.get("last_task_id"),
        RedisTaskStore.longOf(h, "fires"),
        RedisTaskStore.longOf(h, "skipped"),
        RedisTaskStore.instantOf(h, "created_at"),
        RedisTaskStore.instantOf(h, "updated_at"));
  }
}
