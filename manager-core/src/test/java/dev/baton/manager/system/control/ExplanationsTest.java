package dev.baton.manager.system.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.event.BatonEvent;
import dev.baton.manager.system.control.Explanations.Explanation;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Events in words: what happened, why, and what it means for fencing and recovery. */
class ExplanationsTest {
  private static final String TASK = "3f2a91c0-1111-2222-3333-444455556666";

  private static BatonEvent event(String type, String worker, Map<String, String> fields) {
    return new BatonEvent("1-0", type, Instant.ofEpochMilli(10_000), type.startsWith("task.") ? TASK : null, worker, fields);
  }

  @Test
  void aResumedTaskSaysFromWhichCheckpointWithWhichEpochAndWhoIsFencedOff() {
    Explanation x =
        Explanations.of(
            event(
                "task.resumed",
                "worker-2",
                Map.of("progress", "40", "checkpoint", "3", "previous_epoch", "2", "epoch", "3", "previous_worker", "worker-1")));

    assertEquals("task 3f2a91c0 resumed on worker-2 from checkpoint #3 at 40 %, epoch 2 -> 3 (it was on worker-1)", x.text());
    assertTrue(x.why().contains("a late write from worker-1 would be refused"), x.why());
    assertTrue(x.notable());
  }

  @Test
  void aCrashedWorkerIsToldApartFromAHungOne() {
    Explanation crash =
        Explanations.of(event("worker.failed", "worker-1", Map.of("reason", "its broker and Redis connections closed (the process is gone)")));
    Explanation hang = Explanations.of(event("worker.failed", "worker-1", Map.of("reason", "no heartbeat for 4 s (lease expired)")));

    assertTrue(crash.text().startsWith("worker-1 FAILED: its broker and Redis connections closed"), crash.text());
    assertTrue(crash.why().contains("the process is gone"), crash.why());
    assertTrue(hang.why().contains("missed its heartbeats until its lease ran out"), hang.why());
    assertTrue(hang.why().contains("new epoch (fencing it)"), hang.why());
  }

  @Test
  void aRecoveryNamesTheEpochChangeThatFencesTheDeadWorker() {
    Explanation x = Explanations.of(event("task.recovering", "worker-1", Map.of("epoch", "3", "reason", "worker-1 failed: gone")));

    assertEquals("task 3f2a91c0 is RECOVERING: worker-1 failed: gone", x.text());
    assertTrue(x.why().startsWith("epoch 2 -> 3: worker-1 is fenced off"), x.why());
  }

  @Test
  void aRefusedWriteExplainsFencing() {
    Explanation x = Explanations.of(event("task.fenced", "worker-1", Map.of("epoch", "2", "current_epoch", "4", "status", "RUNNING")));

    assertEquals("worker-1 tried to write to task 3f2a91c0 with epoch 2, but the task is at epoch 4 (RUNNING): refused", x.text());
    assertTrue(x.why().startsWith("fencing:"), x.why());
  }

  @Test
  void migrationsSayWhereToAndHow() {
    Explanation asked =
        Explanations.of(event("task.migrating", "worker-3", Map.of("target", "worker-1", "reason", "balancer: worker-3 is overloaded (x4.0)")));
    Explanation forced = Explanations.of(event("task.released", "worker-3", Map.of("target", "worker-1", "epoch", "5", "forced", "1", "reason", "late")));

    assertEquals("task 3f2a91c0 is migrating from worker-3 to worker-1 (balancer: worker-3 is overloaded (x4.0))", asked.text());
    assertTrue(asked.why().contains("next step boundary"));
    assertTrue(forced.text().startsWith("the manager took task 3f2a91c0 from worker-3 for worker-1"), forced.text());
  }

  @Test
  void routineEventsAreNotNotableAndSayHowLongTheyTook() {
    Explanation started = Explanations.of(event("task.started", "worker-2", Map.of("attempt", "1", "epoch", "1", "created_at", "9750")));
    Explanation done = Explanations.of(event("task.completed", "worker-2", Map.of("created_at", "8000")));

    assertEquals("worker-2 claimed task 3f2a91c0 and started it (attempt 1, epoch 1) after 0.25 s in the queue", started.text());
    assertEquals("task 3f2a91c0 completed on worker-2 2.00 s after it was created", done.text());
    assertFalse(started.notable());
    assertFalse(done.notable());
  }

  @Test
  void aTaskStartedAgainWithoutACheckpointSaysWhy() {
    Explanation x =
        Explanations.of(event("task.started", "worker-2", Map.of("attempt", "2", "epoch", "3", "previous_worker", "worker-1")));

    assertTrue(x.text().contains("from the beginning"), x.text());
    assertTrue(x.why().contains("no checkpoint yet when it left worker-1"), x.why());
    assertTrue(x.notable());
  }

  @Test
  void simulatedFaultsSayWhatTheyDo() {
    assertTrue(Explanations.of(event("worker.fault", "worker-2", Map.of("mode", "PARTITION", "actor", "console"))).text()
        .contains("cut off: no heartbeats, but its work goes on"));
    assertTrue(Explanations.of(event("worker.fault", "worker-2", Map.of("mode", "CRASH", "actor", "api"))).text().contains("like kill -9"));
  }
}
