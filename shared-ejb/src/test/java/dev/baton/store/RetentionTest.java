package dev.baton.store;

import static dev.baton.testing.Tasks.aTask;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.event.BatonEvent;
import dev.baton.event.EventType;
import dev.baton.task.Claim;
import dev.baton.task.NewTask;
import dev.baton.task.RetryPolicy;
import dev.baton.task.TaskLimits;
import dev.baton.task.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.params.ScanParams;

/** Deleting finished tasks, purges and retention, in the Lua scripts on a real Redis: every trace goes, nothing else. */
class RetentionTest extends RedisStoreTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(1);
  private static final Instant FAR = Instant.now().plus(Duration.ofDays(1));

  private NewTask created(NewTask t) {
    tasks.create(List.of(t), TIMEOUT);
    return t;
  }

  private NewTask completed() {
    NewTask t = created(aTask().build());
    Claim c = tasks.claim(t.id(), "w1", 0).claim();
    tasks.finish(t.id(), c.epoch(), TaskStatus.COMPLETED, "{}", "w1");
    return t;
  }

  private NewTask cancelled() {
    NewTask t = created(aTask().build());
    tasks.cancel(t.id(), "cancelled by test", "test", TIMEOUT);
    return t;
  }

  /**
   * Every place the task's id appears in Redis (the event log aside, which is history): keys named after
   * it, and members of sorted sets and sets (also as {@code kind:id}, as timers are).
   */
  private Set<String> traces(String id) {
    Set<String> found = new TreeSet<>();
    for (String key : allKeys()) {
      if (key.contains(id)) {
        found.add(key);
        continue;
      }
      String type = redis.call(c -> c.type(key));
      List<String> members =
          switch (type) {
            case "zset" -> redis.call(c -> c.zrange(key, 0, -1));
            case "set" -> new ArrayList<>(redis.call(c -> c.smembers(key)));
            default -> List.of();
          };
      for (String m : members) {
        if (m.contains(id)) {
          found.add(key + " " + m);
        }
      }
    }
    return found;
  }

  private List<String> allKeys() {
    List<String> keys = new ArrayList<>();
    ScanParams match = new ScanParams().match(redis.keys().prefix() + "*").count(1000);
    String cursor = ScanParams.SCAN_POINTER_START;
    do {
      String from = cursor;
      var page = redis.call(c -> c.scan(from, match));
      keys.addAll(page.getResult());
      cursor = page.getCursor();
    } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    return keys;
  }

  @Test
  void aDeletedTaskLeavesNoTraceAndTheOthersKeepAllOfTheirs() {
    // A task with a full life: a limit and an expiry, a checkpoint, a failed attempt and a retry, a second worker.
    NewTask full =
        created(
            aTask()
                .retry(new RetryPolicy(2, RetryPolicy.Backoff.FIXED, 1, 1))
                .limits(new TaskLimits(60, 30, Instant.now().plusSeconds(3600)))
                .build());
    Claim first = tasks.claim(full.id(), "w1", 0).claim();
    tasks.report(full.id(), first.epoch(), 40, "step 2", "{\"step\":2}", "w1");
    tasks.failAttempt(full.id(), first.epoch(), "flaky", "w1", Duration.ofMillis(1), false);
    await().atMost(Duration.ofSeconds(5)).until(() -> {
      tasks.takeDueTimers(10, TIMEOUT, TIMEOUT);
      return tasks.find(full.id()).orElseThrow().status() == TaskStatus.CREATED;
    });
    Claim second = tasks.claim(full.id(), "w2", tasks.find(full.id()).orElseThrow().epoch()).claim();
    tasks.finish(full.id(), second.epoch(), TaskStatus.COMPLETED, "{\"ok\":true}", "w2");
    // One cancelled while it ran (a cancel timer), and others that stay.
    NewTask stopped = created(aTask().build());
    Claim s = tasks.claim(stopped.id(), "w1", 0).claim();
    tasks.cancel(stopped.id(), "cancelled by test", "test", TIMEOUT);
    tasks.finishCancelled(stopped.id(), s.epoch(), "stopped", "w1");
    NewTask running = created(aTask().limits(new TaskLimits(60, null, null)).build());
    tasks.claim(running.id(), "w1", 0);
    NewTask scheduled = created(aTask().runAt(FAR).build());
    NewTask otherDone = completed();
    Map<String, Set<String>> others =
        Map.of(running.id(), traces(running.id()), scheduled.id(), traces(scheduled.id()), otherDone.id(), traces(otherDone.id()));
    assertFalse(traces(full.id()).isEmpty());

    Deleted d = tasks.delete(List.of(full.id(), stopped.id()), "deleted by test", "test");

    assertEquals(2, d.deleted());
    assertEquals(Set.of(), traces(full.id()));
    assertEquals(Set.of(), traces(stopped.id()));
    for (var e : others.entrySet()) {
      assertEquals(e.getValue(), traces(e.getKey()), "untouched: " + e.getKey());
    }
    BatonEvent logged =
        events.newestFirst(null, 100).stream().filter(e -> e.type().equals(EventType.TASKS_DELETED.wireName())).findFirst().orElseThrow();
    assertEquals("2", logged.fields().get("count"));
  }

  @Test
  void onlyFinishedTasksAreDeleted() {
    NewTask queued = created(aTask().build());
    NewTask done = completed();

    Deleted d = tasks.delete(List.of(queued.id(), "no-such-task", done.id()), "deleted by test", "test");

    assertEquals(1, d.deleted());
    assertEquals(Map.of(queued.id(), "CREATED", "no-such-task", "MISSING"), d.refused());
    assertTrue(tasks.find(queued.id()).isPresent());
    assertTrue(tasks.find(done.id()).isEmpty());
  }

  @Test
  void retentionRemovesTasksFinishedBeforeTheCutoffAndNothingNewer() {
    List<NewTask> old = List.of(completed(), cancelled(), completed());
    Instant cutoff = Instant.ofEpochMilli(tasks.find(old.get(2).id()).orElseThrow().finishedAt().toEpochMilli());
    await().atMost(Duration.ofSeconds(2)).until(() -> Instant.now().isAfter(cutoff.plusMillis(2)));
    NewTask newer = completed();
    NewTask queued = created(aTask().build());

    RetentionPass pass = tasks.removeFinished(cutoff, -1, null, 0, 100, "retention", "test");

    assertEquals(3, pass.deleted());
    assertFalse(pass.more());
    old.forEach(t -> assertTrue(tasks.find(t.id()).isEmpty()));
    assertTrue(tasks.find(newer.id()).isPresent());
    assertTrue(tasks.find(queued.id()).isPresent());
    assertEquals(1, tasks.finishedCount());
  }

  @Test
  void retentionKeepsTheNewestFinishedTasksUpToItsLimitAChunkAtATime() {
    List<NewTask> done = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      done.add(i % 2 == 0 ? completed() : cancelled());
    }
    NewTask queued = created(aTask().build());

    RetentionPass first = tasks.removeFinished(Instant.EPOCH, 3, null, 0, 4, "retention", "test");
    RetentionPass second = tasks.removeFinished(Instant.EPOCH, 3, null, 0, 4, "retention", "test");

    assertEquals(4, first.deleted());
    assertTrue(first.more(), "three more beyond the limit");
    assertEquals(3, second.deleted());
    assertFalse(second.more());
    assertEquals(3, done.stream().filter(t -> tasks.find(t.id()).isPresent()).count());
    assertTrue(tasks.find(queued.id()).isPresent(), "a queued task does not count");
    assertEquals(3, tasks.finishedCount());
  }

  @Test
  void theKeptTasksAreTheNewestFinished() {
    List<NewTask> done = new ArrayList<>();
    Map<String, Long> finished = new java.util.HashMap<>();
    for (int i = 0; i < 8; i++) {
      NewTask t = completed();
      done.add(t);
      finished.put(t.id(), finishedAt(t));
    }

    tasks.removeFinished(Instant.EPOCH, 5, null, 0, 100, "retention", "test");

    long newestRemoved = done.stream().filter(t -> tasks.find(t.id()).isEmpty()).mapToLong(t -> finished.get(t.id())).max().orElseThrow();
    long oldestKept = done.stream().filter(t -> tasks.find(t.id()).isPresent()).mapToLong(t -> finished.get(t.id())).min().orElseThrow();
    assertTrue(newestRemoved <= oldestKept, "removed oldest first");
  }

  @Test
  void aPurgeOfOneStatusPassesOverTheOthersAcrossChunks() {
    List<NewTask> completedOnes = new ArrayList<>();
    List<NewTask> cancelledOnes = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      completedOnes.add(completed());
      cancelledOnes.add(cancelled());
    }

    long n = tasks.purge(TaskStatus.COMPLETED, Instant.now(), 2, "purged by test", "test");

    assertEquals(6, n);
    completedOnes.forEach(t -> assertTrue(tasks.find(t.id()).isEmpty()));
    cancelledOnes.forEach(t -> assertTrue(tasks.find(t.id()).isPresent()));
    assertEquals(0, tasks.purge(TaskStatus.COMPLETED, Instant.now(), 2, "purged by test", "test"));
  }

  @Test
  void aRequeuedTaskIsNoLongerFinishedAndSoNotRemoved() {
    NewTask t = created(aTask().build());
    tasks.finish(t.id(), tasks.claim(t.id(), "w1", 0).claim().epoch(), TaskStatus.FAILED, "broken", "w1");
    assertEquals(1, tasks.finishedCount());

    tasks.requeue(List.of(t.id()), "requeued by test", "test", TIMEOUT);

    assertEquals(0, tasks.finishedCount());
    assertEquals(0, tasks.removeFinished(Instant.now(), 0, null, 0, 100, "retention", "test").deleted());
    assertTrue(tasks.find(t.id()).isPresent());
  }

  @Test
  void tasksThatFinishedBeforeTheIndexExistedAreAddedToIt() {
    NewTask a = completed();
    NewTask b = cancelled();
    created(aTask().build());
    redis.call(c -> c.del(redis.keys().finished())); // as an older Baton left them

    assertEquals(2, tasks.indexFinished());
    assertEquals(0, tasks.indexFinished(), "a second run finds nothing to add");
    assertEquals(2, tasks.purge(null, Instant.now(), 100, "purged by test", "test"));
    assertTrue(tasks.find(a.id()).isEmpty() && tasks.find(b.id()).isEmpty());
  }

  private long finishedAt(NewTask t) {
    return redis.call(c -> c.zscore(redis.keys().finished(), t.id())).longValue();
  }
}
