package dev.baton.console.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.event.BatonEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** However fast events come, one push carries a bounded batch; quiet spells push now and then. */
class PushCoalescerTest {
  private static final long KEEP_ALIVE = TimeUnit.SECONDS.toNanos(1);
  private final PushCoalescer cut = new PushCoalescer();
  private long seq;

  private BatonEvent event(String type, String task) {
    seq++;
    return new BatonEvent("1000-" + seq, type, Instant.EPOCH, task, type.startsWith("worker.") ? "worker-1" : null, Map.of());
  }

  @Test
  void aBurstOfTwentyThousandEventsBecomesOneBoundedPush() {
    for (int i = 0; i < 20_000; i++) {
      cut.event(event(i % 2 == 0 ? "task.started" : "task.completed", "t" + i));
    }

    PushCoalescer.Batch b = cut.drain(0, KEEP_ALIVE);

    assertEquals(PushCoalescer.MAX_ROUTINE, b.events().size());
    assertEquals(20_000 - PushCoalescer.MAX_ROUTINE, b.dropped());
    assertEquals("1000-20000", b.events().get(b.events().size() - 1).id(), "the newest are kept");
    assertNull(b.changedTasks(), "too many changed tasks: any may have");
    assertTrue(b.tasksChanged());
  }

  @Test
  void notableEventsSurviveABurstOfRoutineOnes() {
    cut.event(event("worker.failed", null));
    cut.event(event("task.recovering", "a"));
    for (int i = 0; i < 5_000; i++) {
      cut.event(event("task.completed", "t" + i));
    }
    cut.event(event("task.resumed", "a"));

    List<BatonEvent> events = cut.drain(0, KEEP_ALIVE).events();

    assertEquals(List.of("worker.failed", "task.recovering"), events.subList(0, 2).stream().map(BatonEvent::type).toList());
    assertEquals("task.resumed", events.get(events.size() - 1).type(), "in the log's order");
    assertEquals(PushCoalescer.MAX_ROUTINE + 3, events.size());
  }

  @Test
  void aDrainTakesEverythingAndTheNextFindsNothingNew() {
    cut.event(event("task.started", "a"));
    cut.event(event("worker.joined", null));
    PushCoalescer.Batch first = cut.drain(0, KEEP_ALIVE);
    assertEquals(java.util.Set.of("a"), first.changedTasks());
    assertTrue(first.workersChanged());

    assertNull(cut.drain(TimeUnit.MILLISECONDS.toNanos(250), KEEP_ALIVE), "nothing happened, the last push is recent");
    PushCoalescer.Batch keepAlive = cut.drain(TimeUnit.MILLISECONDS.toNanos(1_100), KEEP_ALIVE);
    assertNotNull(keepAlive, "a quiet cluster still gets a push a second (heartbeats move without events)");
    assertTrue(keepAlive.events().isEmpty());
    assertFalse(keepAlive.tasksChanged());
  }

  @Test
  void progressAndCheckpointsArePushedWithoutRerenderingTables() {
    cut.progress();
    cut.event(event("task.checkpoint", "a"));

    PushCoalescer.Batch b = cut.drain(0, KEEP_ALIVE);

    assertTrue(b.progressed());
    assertFalse(b.tasksChanged(), "a checkpoint changes no status");
  }

  @Test
  void streamIdsSortInTheLogsOrder() {
    assertTrue(PushCoalescer.byStreamId("999-5", "1000-0") < 0);
    assertTrue(PushCoalescer.byStreamId("1000-10", "1000-9") > 0);
  }
}
