package dev.baton.store;

import static dev.baton.testing.Tasks.aTask;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.schedule.FireResult;
import dev.baton.schedule.ScheduleRecord;
import dev.baton.task.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Periodic schedules in the Lua scripts on a real Redis: each tick fires once, whoever tries. */
class SchedulesTest extends RedisStoreTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(1);

  private RedisSchedules schedules() {
    return new RedisSchedules(redis);
  }

  @Test
  void aTickFiresOnceEvenWhenManyManagersTryItAtOnce() throws Exception {
    RedisSchedules s = schedules();
    Instant tick = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    s.save(true, "every-second", "* * * * * *", "UTC", "{\"type\":\"noop\"}", "allow", false, tick);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<FireResult>> tries = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      tries.add(pool.submit(() -> {
        go.await();
        return s.fire("every-second", tick, tick.plusSeconds(1), aTask().type("noop").build(), Duration.ZERO, TIMEOUT);
      }));
    }
    go.countDown();
    int fired = 0;
    for (Future<FireResult> f : tries) {
      fired += f.get().outcome() == FireResult.Outcome.FIRED ? 1 : 0;
    }
    pool.shutdown();

    assertEquals(1, fired, "one task for the tick");
    ScheduleRecord r = s.find("every-second").orElseThrow();
    assertEquals(1, r.fires());
    assertEquals(tick.plusSeconds(1), r.nextFireAt());
    assertEquals(TaskStatus.CREATED, tasks.find(r.lastTaskId()).orElseThrow().status());
    assertEquals(tick.plusSeconds(1).toEpochMilli(), redis.call(c -> c.zscore(redis.keys().timers(), "cron:every-second")).longValue());
  }

  @Test
  void withOverlapSkipATickWhosePreviousTaskRunsCreatesNothing() {
    RedisSchedules s = schedules();
    Instant tick = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    s.save(true, "nightly", "0 3 * * *", "UTC", "{\"type\":\"noop\"}", "skip", false, tick);
    FireResult first = s.fire("nightly", tick, tick.plusSeconds(60), aTask().type("noop").build(), Duration.ZERO, TIMEOUT);
    tasks.claim(first.taskId(), "w1", 0);

    FireResult second = s.fire("nightly", tick.plusSeconds(60), tick.plusSeconds(120), aTask().type("noop").build(), Duration.ZERO, TIMEOUT);

    assertEquals(FireResult.Outcome.SKIPPED, second.outcome());
    assertEquals(first.taskId(), second.taskId());
    assertEquals(1, s.find("nightly").orElseThrow().skipped());
    assertEquals(tick.plusSeconds(120), s.find("nightly").orElseThrow().nextFireAt(), "the timer moved on anyway");
  }

  @Test
  void aPausedScheduleHasNoTimerAndATriggerLeavesTheTimerAlone() {
    RedisSchedules s = schedules();
    Instant next = Instant.now().plusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    s.save(true, "hourly", "0 * * * *", "UTC", "{\"type\":\"noop\"}", "allow", false, next);
    FireResult manual = s.fire("hourly", null, Instant.now(), aTask().type("noop").build(), Duration.ZERO, TIMEOUT);
    assertEquals(FireResult.Outcome.FIRED, manual.outcome());
    assertEquals(next.toEpochMilli(), s.find("hourly").orElseThrow().nextFireAt().toEpochMilli(), "a trigger is besides the ticks");

    s.save(false, "hourly", "0 * * * *", "UTC", "{\"type\":\"noop\"}", "allow", true, null);
    assertTrue(s.find("hourly").orElseThrow().paused());
    Double timer = redis.call(c -> c.zscore(redis.keys().timers(), "cron:hourly"));
    assertEquals(null, timer, "no timer while paused");
    assertEquals(RedisSchedules.Saved.EXISTS, s.save(true, "hourly", "0 * * * *", "UTC", "{}", "allow", false, next));
    assertTrue(s.delete("hourly"));
    assertEquals(RedisSchedules.Saved.MISSING, s.save(false, "hourly", "0 * * * *", "UTC", "{}", "allow", false, next));
  }
}
