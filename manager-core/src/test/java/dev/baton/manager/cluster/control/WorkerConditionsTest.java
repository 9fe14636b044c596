package dev.baton.manager.cluster.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.cluster.WorkerRecord;
import dev.baton.cluster.WorkerStatus;
import dev.baton.manager.cluster.entity.WorkerCondition;
import dev.baton.manager.cluster.entity.WorkerCondition.Code;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the cluster believes of a worker, together with what is really there. */
class WorkerConditionsTest {
  private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
  private static final Duration BEAT = Duration.ofSeconds(1);
  private static final Duration LEASE = Duration.ofSeconds(4);

  private static WorkerRecord worker(WorkerStatus status, Instant lastHeartbeat, double factor) {
    return new WorkerRecord(
        "worker-1", status, 4, 1, 0.25, factor, "h", 1, "u", List.of("noop"), "i", NOW.minusSeconds(60), lastHeartbeat,
        lastHeartbeat.plus(LEASE), List.of("t1"), List.of());
  }

  private static WorkerCondition of(WorkerRecord w, boolean process, String fault, Instant fenced) {
    return WorkerConditions.of(w, process, fault, fenced, NOW, BEAT, LEASE);
  }

  @Test
  void aHeartbeatingWorkerIsUp() {
    assertEquals(Code.UP, of(worker(WorkerStatus.UP, NOW.minusMillis(300), 1), true, null, null).code());
  }

  @Test
  void lateHeartbeatsCountDownToTheDeclaration() {
    WorkerCondition c = of(worker(WorkerStatus.UP, NOW.minusMillis(2_500), 1), true, null, null);

    assertEquals(Code.LATE, c.code());
    assertEquals("no heartbeat for 2.5 s; declared FAILED in 1.5 s unless one comes", c.detail());
  }

  @Test
  void anOverloadedWorkerSaysHowMuchSlower() {
    WorkerCondition c = of(worker(WorkerStatus.OVERLOADED, NOW.minusMillis(200), 3), true, null, null);

    assertEquals(Code.OVERLOADED, c.code());
    assertTrue(c.detail().startsWith("every step takes 3 times as long"), c.detail());
  }

  @Test
  void aFailedWorkerWithoutAProcessCrashed() {
    assertEquals(Code.FAILED, of(worker(WorkerStatus.FAILED, NOW.minusSeconds(10), 1), false, null, null).code());
  }

  @Test
  void aFailedWorkerWhoseProcessLivesOnIsHungOrAZombie() {
    WorkerRecord failed = worker(WorkerStatus.FAILED, NOW.minusSeconds(10), 1);

    assertEquals(Code.HUNG, of(failed, true, "HANG", null).code());
    assertEquals(Code.HUNG, of(failed, true, null, null).code(), "frozen from outside (SIGSTOP): silent, alive");
    assertEquals(Code.ZOMBIE, of(failed, true, "PARTITION", null).code());
    WorkerCondition writing = of(failed, true, null, NOW.minusSeconds(1));
    assertEquals(Code.ZOMBIE, writing.code(), "its writes were refused after its last heartbeat");
    assertTrue(writing.detail().contains("still writing"), writing.detail());
  }

  @Test
  void aWorkerThatLeftIsDown() {
    assertEquals(Code.DOWN, of(worker(WorkerStatus.DOWN, NOW.minusSeconds(10), 1), false, null, null).code());
  }
}
