package dev.baton.console.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.cluster.ClusterSnapshot;
import dev.baton.cluster.WorkerRecord;
import dev.baton.cluster.WorkerStatus;
import dev.baton.console.charts.ChartSeries;
import dev.baton.event.BatonEvent;
import dev.baton.json.Jsonp;
import dev.baton.manager.cluster.entity.ClusterPicture;
import dev.baton.manager.cluster.entity.WorkerCondition;
import dev.baton.manager.system.entity.SystemStatus;
import dev.baton.task.TaskStatus;
import dev.baton.task.TaskSummary;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The push's shape, which the pages' scripts read: a contract worth a test. */
class PictureJsonTest {
  private static final Instant NOW = Instant.ofEpochMilli(1_800_000_000_000L);

  @Test
  void aPushCarriesThePictureWhatHappenedAndTheNewestChartPoints() {
    WorkerRecord w =
        new WorkerRecord("worker-1", WorkerStatus.FAILED, 4, 0, 0, 1, "h", 1, "u", List.of("noop", "sleep"), "i", NOW, NOW.minusSeconds(5),
            NOW.minusSeconds(1), List.of("t1"), List.of());
    TaskSummary t =
        new TaskSummary("t1", TaskStatus.RELEASED, "sleep", 7, 45, "step 5", "worker-1", 3, 1, 2, 40, NOW, "worker-2", null, NOW, NOW, NOW);
    ClusterSnapshot s =
        new ClusterSnapshot(NOW, List.of(w), List.of(t), 12, List.of(), Map.of(TaskStatus.MIGRATING, 1L, TaskStatus.CREATED, 12L), Map.of(),
            List.of(), List.of());
    ClusterPicture p =
        new ClusterPicture(
            s, Map.of("worker-1", new WorkerCondition(WorkerCondition.Code.HUNG, "HUNG", "alive but silent")),
            new SystemStatus.Component("UP", "tcp://x", 1.0, 12L, null), 0.42, true);
    BatonEvent resumed =
        new BatonEvent("5-1", "task.resumed", NOW, "t1", "worker-2", Map.of("progress", "40", "previous_epoch", "2", "epoch", "3"));
    PushCoalescer.Batch batch = new PushCoalescer.Batch(List.of(resumed), 7, Set.of("t1"), true, false, null);

    JsonObject m = Jsonp.parseObject(PictureJson.message(42, p, batch, List.of(new ChartSeries.Point(1, 5, 0, 3L, 2L, 10L, 20L, null, null))));

    assertEquals(42, m.getInt("seq"));
    assertEquals(NOW.toEpochMilli(), m.getJsonNumber("now").longValue());
    JsonObject worker = m.getJsonArray("workers").getJsonObject(0);
    assertEquals("HUNG", worker.getString("cond"));
    assertEquals("alive but silent", worker.getString("why"));
    assertFalse(worker.getBoolean("alive"));
    assertTrue(worker.getBoolean("restartable"));
    JsonObject task = m.getJsonArray("tasks").getJsonObject(0);
    assertEquals("RELEASED", task.getString("s"));
    assertEquals("worker-2", task.getString("to"), "the real target");
    assertTrue(task.getBoolean("rel"));
    assertEquals(40, task.getInt("cpp"));
    assertEquals(12, m.getJsonObject("queue").getInt("n"));
    assertEquals(13, m.getJsonNumber("total").longValue());
    assertEquals(12, m.getJsonObject("system").getJsonObject("broker").getInt("depth"));
    assertEquals("DEGRADED", m.getJsonObject("system").getString("status"), "no worker alive");
    JsonObject e = m.getJsonArray("events").getJsonObject(0);
    assertTrue(e.getBoolean("notable"));
    assertEquals("2", e.getJsonObject("d").getString("previous_epoch"));
    assertEquals(7, m.getInt("dropped"));
    assertTrue(m.getJsonObject("changed").getBoolean("workers"));
    assertEquals("t1", m.getJsonObject("changed").getJsonArray("ids").getString(0));
    assertEquals(5, m.getJsonArray("chart").getJsonObject(0).getInt("done"));
    assertFalse(m.getJsonArray("chart").getJsonObject(0).containsKey("f50"), "no finish latency that second");
  }
}
