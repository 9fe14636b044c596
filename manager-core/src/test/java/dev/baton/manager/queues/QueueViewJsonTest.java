package dev.baton.manager.queues;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.baton.json.Jsonp;
import dev.baton.manager.config.JsonBinding;
import dev.baton.manager.queues.entity.QueueView;
import dev.baton.queue.QueueLimits;
import dev.baton.queue.QueueRecord;
import dev.baton.queue.QueueState;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueueViewJsonTest {
  @Test
  void everyFieldIsThereAndLimitsNobodySetAreNull() {
    QueueRecord r = new QueueRecord("gpu", QueueState.PAUSED, QueueLimits.NONE, Map.of("RUNNING", 2L, "CREATED", 5L), 5, 120, 10, 5_000, 20_000, null, null, null);
    JsonObject o = Jsonp.parseObject(JsonBinding.JSONB.toJson(QueueView.of(r, 60)));
    assertEquals("paused", o.getString("state"));
    assertEquals(true, o.isNull("concurrency"), o.toString());
    assertEquals(true, o.isNull("rate_limit"), o.toString());
    assertEquals(2, o.getInt("running"));
    assertEquals(2.0, o.getJsonNumber("throughput_per_s").doubleValue());
    assertEquals(500, o.getInt("mean_wait_ms"));
    assertEquals(2_000, o.getInt("mean_run_ms"));
    assertEquals(true, o.isNull("owner"), "nobody's: only admins control it");

    QueueRecord limited = new QueueRecord("gpu", QueueState.ACTIVE, new QueueLimits(3, 10, Duration.ofMillis(1500)), Map.of(), 0, 0, 0, 0, 0, null, null, "alice");
    JsonObject l = Jsonp.parseObject(JsonBinding.JSONB.toJson(QueueView.of(limited, 60)));
    assertEquals(3, l.getInt("concurrency"));
    assertEquals("{\"max\":10,\"per_s\":1.5}", l.getJsonObject("rate_limit").toString());
    assertEquals(true, l.isNull("mean_run_ms"));
    assertEquals("alice", l.getString("owner"));
  }
}
