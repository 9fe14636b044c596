package dev.baton.store;

import static dev.baton.testing.Tasks.aTask;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.cluster.ClusterSnapshot;
import dev.baton.cluster.Heartbeat;
import dev.baton.cluster.WorkerStatus;
import dev.baton.event.BatonEvent;
import dev.baton.task.Claim;
import dev.baton.task.NewTask;
import dev.baton.task.ProgressTick;
import dev.baton.task.TaskStatus;
import dev.baton.task.TaskSummary;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the console reads: one-step snapshots of the cluster, the live progress channel, richer events. */
class SnapshotsAndProgressTest extends RedisStoreTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private RedisSnapshots cut;

  @BeforeEach
  void snapshots() {
    cut = new RedisSnapshots(redis);
  }

  private void beat(String worker) {
    workers.heartbeat(new Heartbeat(worker, "i-" + worker, WorkerStatus.UP, 1.0, 4, 1, "h", 1, "u", List.of("computation"), List.of()), TIMEOUT, 3);
  }

  private Claim running(NewTask t, String worker) {
    tasks.create(List.of(t), TIMEOUT);
    return tasks.claim(t.id(), worker, 0).claim();
  }

  @Test
  void aSnapshotShowsWorkersTheirTasksTheWaitingAndTheCounts() {
    beat("worker-1");
    beat("worker-2");
    NewTask onOne = aTask().priority(7).type("io").build();
    Claim claim = running(onOne, "worker-1");
    tasks.report(onOne.id(), claim.epoch(), 40, "step 4 of 10", "{\"i\":4}", "worker-1");
    tasks.report(onOne.id(), claim.epoch(), 47, "step 5 of 10", null, "worker-1");
    List<NewTask> waiting = List.of(aTask().priority(2).build(), aTask().priority(9).build(), aTask().build());
    tasks.create(waiting, TIMEOUT);

    ClusterSnapshot s = cut.take(2, 5);

    assertEquals(List.of("worker-1", "worker-2"), s.workers().stream().map(w -> w.id()).toList());
    assertEquals(List.of(onOne.id()), s.workers().get(0).activeTasks());
    TaskSummary t = s.tasks().get(0);
    assertEquals(onOne.id(), t.id());
    assertEquals(TaskStatus.RUNNING, t.status());
    assertEquals(47, t.progress());
    assertEquals("step 5 of 10", t.progressMessage());
    assertEquals(40, t.checkpointProgress(), "where it would resume");
    assertEquals(1, t.checkpoints());
    assertEquals(7, t.priority());
    assertEquals("worker-1", t.workerId());
    assertEquals(1, t.epoch());
    assertEquals(3, s.waiting());
    assertEquals(2, s.oldestWaiting().size(), "only as many as asked for");
    assertEquals(3L, s.counts().get(TaskStatus.CREATED));
    assertEquals(1L, s.counts().get(TaskStatus.RUNNING));
    assertEquals(4L, s.totals().get("submitted"));
    assertEquals(5, s.completedPerSecond().size());
  }

  @Test
  void aMigratingTaskShowsItsRealTargetAndARecoveringOneStaysInThePicture() {
    beat("worker-1");
    beat("worker-2");
    NewTask moving = aTask().build();
    running(moving, "worker-1");
    tasks.requestMigration(moving.id(), "worker-2", TIMEOUT, "test", "test");
    NewTask orphan = aTask().build();
    running(orphan, "worker-2");
    workers.declareFailed("worker-2", "test", 3, false, null);

    ClusterSnapshot s = cut.take(10, 1);

    TaskSummary m = s.tasks().stream().filter(t -> t.id().equals(moving.id())).findFirst().orElseThrow();
    assertEquals(TaskStatus.MIGRATING, m.status());
    assertEquals("worker-2", m.migrationTarget());
    assertFalse(m.released());
    TaskSummary r = s.tasks().stream().filter(t -> t.id().equals(orphan.id())).findFirst().orElseThrow();
    assertEquals(TaskStatus.RECOVERING, r.status());
    assertEquals(WorkerStatus.FAILED, s.workers().get(1).status());
  }

  @Test
  void failuresAreCountedPerSecondLikeCompletions() {
    NewTask fails = aTask().build();
    Claim c = running(fails, "worker-1");
    tasks.finish(fails.id(), c.epoch(), TaskStatus.FAILED, "boom", "worker-1");

    await().atMost(Duration.ofSeconds(3)).until(() -> cut.take(0, 3).failedPerSecond().stream().mapToLong(Long::longValue).sum() == 1);
  }

  @Test
  void startAndOutcomeEventsCarryTheCreationTimeForLatencies() {
    NewTask t = aTask().build();
    Claim c = running(t, "worker-1");
    tasks.finish(t.id(), c.epoch(), TaskStatus.COMPLETED, "{}", "worker-1");

    String createdAt = Long.toString(tasks.find(t.id()).orElseThrow().createdAt().toEpochMilli());
    List<BatonEvent> log = events.after("0-0", 100);
    for (String type : List.of("task.started", "task.completed")) {
      BatonEvent e = log.stream().filter(x -> x.type().equals(type)).findFirst().orElseThrow();
      assertEquals(createdAt, e.fields().get("created_at"), type);
    }
  }

  @Test
  void aResumedTaskSaysFromWhichCheckpointAndEpoch() {
    beat("worker-1");
    beat("worker-2");
    NewTask t = aTask().build();
    Claim c = running(t, "worker-1");
    tasks.report(t.id(), c.epoch(), 40, "", "{\"i\":4}", "worker-1");
    tasks.report(t.id(), c.epoch(), 45, "", null, "worker-1");
    workers.declareFailed("worker-1", "test", 3, false, null);
    long recoveringEpoch = tasks.find(t.id()).orElseThrow().epoch();
    tasks.claim(t.id(), "worker-2", recoveringEpoch);

    BatonEvent resumed = events.newestFirst(null, 20).stream().filter(e -> e.type().equals("task.resumed")).findFirst().orElseThrow();
    assertEquals("40", resumed.fields().get("progress"), "the checkpoint's progress, not the last report's");
    assertEquals("1", resumed.fields().get("checkpoint"));
    assertEquals(String.valueOf(recoveringEpoch), resumed.fields().get("previous_epoch"));
    assertEquals("worker-1", resumed.fields().get("previous_worker"));
  }

  @Test
  void progressTicksArriveOnTheFeedWhileItListens() throws Exception {
    NewTask t = aTask().build();
    Claim c = running(t, "worker-1");
    RedisProgressFeed feed = new RedisProgressFeed(redis);
    List<ProgressTick> ticks = new CopyOnWriteArrayList<>();
    Thread follower = new Thread(() -> feed.follow(ticks::add));
    follower.start();
    try {
      await().atMost(Duration.ofSeconds(5)).until(() -> {
        tasks.report(t.id(), c.epoch(), 12, "twelve", null, "worker-1");
        return !ticks.isEmpty();
      });
      ProgressTick tick = ticks.get(0);
      assertEquals(t.id(), tick.taskId());
      assertEquals("worker-1", tick.workerId());
      assertEquals(12, tick.progress());
      assertEquals("twelve", tick.message());
    } finally {
      feed.stop();
      follower.join(5_000);
    }
    assertFalse(follower.isAlive(), "stop() ends the subscription");
  }

  @Test
  void aFeedStoppedBeforeItSubscribedDoesNotBlock() throws Exception {
    RedisProgressFeed feed = new RedisProgressFeed(redis);
    feed.stop();
    Thread follower = new Thread(() -> feed.follow(t -> {}));
    follower.start();
    follower.join(5_000);
    assertFalse(follower.isAlive());
  }
}
