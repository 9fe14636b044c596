package dev.baton.store;

import static dev.baton.testing.Tasks.aTask;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.cluster.FailureOutcome;
import dev.baton.cluster.Heartbeat;
import dev.baton.cluster.HeartbeatReply;
import dev.baton.cluster.WorkerStatus;
import dev.baton.event.BatonEvent;
import dev.baton.task.Claim;
import dev.baton.task.ClaimResult;
import dev.baton.task.DispatchOrder;
import dev.baton.task.MigrationRequest;
import dev.baton.task.NewTask;
import dev.baton.task.TaskRecord;
import dev.baton.task.TaskStatus;
import dev.baton.task.Transition;
import dev.baton.task.WriteResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Failure declaration, recovery, crash loops, rejoining and migration, in the Lua scripts on a real Redis. */
class RecoveryAndMigrationTest extends RedisStoreTest {
  private static final Duration LEASE = Duration.ofSeconds(30);

  private HeartbeatReply beat(String worker, String incarnation, Duration lease) {
    return workers.heartbeat(new Heartbeat(worker, incarnation, WorkerStatus.UP, 1.0, 4, 0, "h", 1, "u", List.of("computation"), List.of()), lease, 3);
  }

  private Claim running(NewTask t, String worker) {
    tasks.create(List.of(t), Duration.ofMinutes(1));
    return tasks.claim(t.id(), worker, 0).claim();
  }

  private List<String> eventTypes() {
    return events.newestFirst(null, 100).stream().map(BatonEvent::type).toList();
  }

  @Test
  void aFailedWorkersTasksGoRecoveringFencedAndDueNow() {
    beat("w1", "i1", LEASE);
    NewTask t = aTask().priority(6).build();
    Claim c = running(t, "w1");
    tasks.report(t.id(), c.epoch(), 40, "", "{\"step\":4}", "w1");

    FailureOutcome out = workers.declareFailed("w1", "no heartbeat for 4 s", 3, false, null);

    assertTrue(out.declared());
    assertEquals(List.of(new DispatchOrder(t.id(), c.epoch() + 1, "computation", 6, null, 0)), out.toDispatch());
    TaskRecord r = tasks.find(t.id()).orElseThrow();
    assertEquals(TaskStatus.RECOVERING, r.status());
    assertEquals(WorkerStatus.FAILED, workers.find("w1").orElseThrow().status());
    assertTrue(workers.find("w1").orElseThrow().activeTasks().isEmpty());
    assertEquals(WriteResult.Outcome.FENCED, tasks.report(t.id(), c.epoch(), 50, "", null, "w1").outcome());
    assertTrue(eventTypes().containsAll(List.of("worker.failed", "task.recovering", "task.fenced")), eventTypes().toString());

    Claim resumed = tasks.claim(t.id(), "w2", c.epoch() + 1).claim();
    assertEquals("{\"step\":4}", resumed.checkpoint());
    assertEquals(40, resumed.progress(), "progress does not restart from 0");
    assertTrue(eventTypes().contains("task.resumed"));
    assertFalse(workers.declareFailed("w1", "again", 3, false, null).declared(), "declared once");
  }

  @Test
  void aLiveWorkerIsNotDeclaredFailed() {
    beat("w1", "i1", LEASE);
    assertTrue(workers.declareFailed("w1", "lease?", 3, true, null).alive(), "its lease runs");
    assertTrue(workers.declareFailed("w1", "closed?", 3, false, Instant.now().minusSeconds(5)).alive(), "it beat since");
    assertEquals(WorkerStatus.UP, workers.find("w1").orElseThrow().status());
  }

  @Test
  void anExpiredLeaseIsListedUntilDeclared() {
    beat("w1", "i1", Duration.ofMillis(1));
    beat("w2", "i2", LEASE);
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> workers.expiredLeases().equals(List.of("w1")));
    workers.declareFailed("w1", "lease", 3, true, null);
    assertTrue(workers.expiredLeases().isEmpty());
  }

  @Test
  void aRestartedWorkerRecoversWhatItsPreviousProcessLeft() {
    beat("w1", "old", LEASE);
    NewTask t = aTask().build();
    Claim c = running(t, "w1");

    beat("w1", "new", LEASE);

    TaskRecord r = tasks.find(t.id()).orElseThrow();
    assertEquals(TaskStatus.RECOVERING, r.status());
    assertEquals(c.epoch() + 1, r.epoch());
    assertTrue(workers.find("w1").orElseThrow().activeTasks().isEmpty());
    assertEquals(1, tasks.stats(10).pendingDispatches());
  }

  @Test
  void aCrashLoopEndsDead() {
    NewTask t = aTask().build();
    tasks.create(List.of(t), Duration.ofMinutes(1));
    long epoch = 0;
    for (int death = 1; death <= 3; death++) {
      String worker = "w" + death;
      beat(worker, "i", LEASE);
      Claim c = tasks.claim(t.id(), worker, epoch).claim();
      FailureOutcome out = workers.declareFailed(worker, "killed", 3, false, null);
      epoch = c.epoch() + 1;
      assertEquals(death < 3 ? 1 : 0, out.toDispatch().size());
    }
    TaskRecord dead = tasks.find(t.id()).orElseThrow();
    assertEquals(TaskStatus.DEAD, dead.status());
    assertTrue(dead.error().startsWith("its worker died 3 times while running it (last: w3"), dead.error());
    assertEquals(0, tasks.stats(10).pendingDispatches());
  }

  @Test
  void aZombieThatWakesUpLearnsItWasDeclaredFailedAndRejoins() {
    beat("w1", "i1", LEASE);
    NewTask t = aTask().build();
    Claim c = running(t, "w1");
    workers.declareFailed("w1", "lease", 3, false, null);

    ClaimResult refused = tasks.claim(aTaskCreated(), "w1", 0);
    assertEquals(ClaimResult.Outcome.WORKER_FAILED, refused.outcome());

    HeartbeatReply reply = beat("w1", "i1", LEASE);
    assertTrue(reply.wasDeclaredFailed("i1"));
    assertEquals(WorkerStatus.UP, workers.find("w1").orElseThrow().status());
    assertTrue(eventTypes().contains("worker.rejoined"));
    assertEquals(WriteResult.Outcome.FENCED, tasks.finish(t.id(), c.epoch(), TaskStatus.COMPLETED, "{}", "w1").outcome());
    assertFalse(beat("w1", "i1", LEASE).wasDeclaredFailed("i1"));
  }

  private String aTaskCreated() {
    NewTask t = aTask().build();
    tasks.create(List.of(t), Duration.ofMinutes(1));
    return t.id();
  }

  @Test
  void aMigrationHandsTheTaskToItsTargetAtTheSourcesCheckpoint() {
    beat("w1", "i1", LEASE);
    beat("w2", "i2", LEASE);
    NewTask t = aTask().build();
    Claim c = running(t, "w1");

    MigrationRequest req = tasks.requestMigration(t.id(), "w2", Duration.ofSeconds(10), "by hand", "api");
    assertEquals(MigrationRequest.Outcome.REQUESTED, req.outcome());
    assertEquals("w1", req.worker());
    WriteResult stillOwner = tasks.report(t.id(), c.epoch(), 60, "", null, "w1");
    assertTrue(stillOwner.isOk());
    assertEquals(TaskStatus.MIGRATING, stillOwner.status(), "the owner learns of the migration from any write");

    DispatchOrder handOver = tasks.release(t.id(), c.epoch(), "{\"step\":6}", 60, "w1", "migration", Duration.ofSeconds(10)).orElseThrow();
    assertEquals("w2", handOver.targetWorker());
    assertEquals(c.epoch() + 1, handOver.epoch());
    assertEquals(WriteResult.Outcome.FENCED, tasks.report(t.id(), c.epoch(), 70, "", null, "w1").outcome(), "the source is fenced");
    assertEquals(ClaimResult.Outcome.NOT_TARGET, tasks.claim(t.id(), "w3", handOver.epoch()).outcome());

    Claim target = tasks.claim(t.id(), "w2", handOver.epoch()).claim();
    assertEquals("{\"step\":6}", target.checkpoint());
    assertEquals(60, target.progress());
    TaskRecord r = tasks.find(t.id()).orElseThrow();
    assertEquals(TaskStatus.RUNNING, r.status());
    assertEquals("w2", r.workerId());
    assertEquals(
        List.of(TaskStatus.CREATED, TaskStatus.ASSIGNED, TaskStatus.RUNNING, TaskStatus.MIGRATING, TaskStatus.RELEASED, TaskStatus.ASSIGNED, TaskStatus.RUNNING),
        tasks.history(t.id()).stream().map(Transition::to).toList());
    assertTrue(eventTypes().containsAll(List.of("task.migrating", "task.released", "task.resumed")));
  }

  @Test
  void theManagerForcesAReleaseTheSourceDoesNotMake() throws Exception {
    beat("w1", "i1", LEASE);
    beat("w2", "i2", LEASE);
    NewTask t = aTask().build();
    Claim c = running(t, "w1");
    tasks.report(t.id(), c.epoch(), 30, "", "{\"step\":3}", "w1");
    tasks.requestMigration(t.id(), "w2", Duration.ofMillis(1), "by hand", "api");

    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> tasks.overdueMigrations(10).equals(List.of(t.id())));
    DispatchOrder forced = tasks.release(t.id(), null, null, 0, "manager", "source did not release", Duration.ofSeconds(10)).orElseThrow();

    assertTrue(tasks.overdueMigrations(10).isEmpty());
    assertEquals("{\"step\":3}", tasks.claim(t.id(), "w2", forced.epoch()).claim().checkpoint());
    assertTrue(tasks.release(t.id(), null, null, 0, "manager", "again", Duration.ofSeconds(1)).isEmpty());
  }

  @Test
  void migrationsAreRefusedClearly() {
    beat("w1", "i1", LEASE);
    beat("w2", "i2", LEASE);
    NewTask queued = aTask().build();
    tasks.create(List.of(queued), Duration.ofMinutes(1));
    assertEquals(MigrationRequest.Outcome.NOT_RUNNING, tasks.requestMigration(queued.id(), "w2", Duration.ofSeconds(5), "", "t").outcome());
    assertEquals(MigrationRequest.Outcome.MISSING, tasks.requestMigration("nope", "w2", Duration.ofSeconds(5), "", "t").outcome());
    NewTask t = aTask().build();
    running(t, "w1");
    assertEquals(MigrationRequest.Outcome.SAME_WORKER, tasks.requestMigration(t.id(), "w1", Duration.ofSeconds(5), "", "t").outcome());
    assertEquals(MigrationRequest.Outcome.TARGET_GONE, tasks.requestMigration(t.id(), "w9", Duration.ofSeconds(5), "", "t").outcome());
    assertEquals(TaskStatus.RUNNING, tasks.find(t.id()).orElseThrow().status(), "a refusal changes nothing");
  }

  @Test
  void aReleasedMigrationWhoseTargetDiedGoesBackToAnyWorker() {
    beat("w1", "i1", LEASE);
    beat("w2", "i2", LEASE);
    NewTask t = aTask().build();
    Claim c = running(t, "w1");
    tasks.requestMigration(t.id(), "w2", Duration.ofSeconds(10), "by hand", "api");
    tasks.release(t.id(), c.epoch(), "{}", 10, "w1", "migration", Duration.ZERO).orElseThrow();
    workers.declareFailed("w2", "crashed", 3, false, null);

    List<DispatchOrder> due = tasks.takeDueDispatches(10, Duration.ofSeconds(10));

    assertEquals(1, due.size());
    assertEquals(null, due.get(0).targetWorker());
    assertEquals(TaskStatus.RECOVERING, tasks.find(t.id()).orElseThrow().status());
    assertTrue(tasks.claim(t.id(), "w3", due.get(0).epoch()).isClaimed());
  }

  @Test
  void theReconcilerReschedulesAndRecoversWhatACrashLeftBehind() {
    NewTask orphan = aTask().build();
    tasks.create(List.of(orphan), Duration.ofMinutes(1));
    redis.call(c -> c.zrem(redis.keys().dispatchDue(), orphan.id()));
    NewTask owned = aTask().build();
    running(owned, "never-registered");

    var result = tasks.reconcile(3, Duration.ZERO);

    assertEquals(1, result.scheduled());
    assertEquals(1, result.recovered());
    assertEquals(List.of("never-registered"), result.goneOwners());
    assertEquals(TaskStatus.RECOVERING, tasks.find(owned.id()).orElseThrow().status());
    assertEquals(2, tasks.stats(10).pendingDispatches());
  }
}
