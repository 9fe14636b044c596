package dev.baton.worker.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seed 004's attrgen and benchmark: resumable at every step, the run id handed from attrgen to benchmark. */
class SimulatedJobsTest {
  @TempDir Path scratch;

  @Test
  void bothResumeFromAnyCheckpointWithTheResultOfAnUninterruptedRun() throws Exception {
    for (TaskHandler h : new TaskHandler[] {new AttrgenHandler(), new BenchmarkHandler()}) {
      String data = "{\"dataset_id\":5,\"model_name\":\"mistral-24b\",\"steps\":6,\"step_ms\":0}";
      JsonValue uninterrupted = Runs.complete(h, Runs.input("t-1", data, null, scratch));
      for (int stopAt = 0; stopAt <= 6; stopAt++) {
        JsonObject checkpoint = Runs.checkpointAfter(h, Runs.input("t-1", data, null, scratch), stopAt);
        assertEquals(uninterrupted, Runs.complete(h, Runs.input("t-1", data, checkpoint, scratch)), h.type() + " from step " + stopAt);
      }
    }
  }

  @Test
  void aBenchmarkGetsItsAttrgenParentsRunIdAndOneInItsConfigWins() throws Exception {
    String attrgenData = "{\"dataset_id\":5,\"model_name\":\"m\",\"steps\":1,\"step_ms\":0}";
    JsonObject attrgen = Runs.complete(new AttrgenHandler(), Runs.input("parent", attrgenData, null, scratch)).asJsonObject();
    int runId = attrgen.getInt("attrgen_run_id");
    assertTrue(runId > 0);
    JsonObject parents = Runs.parse("{\"parent\":" + attrgen + ",\"other\":{\"value\":1}}");
    String benchData = "{\"dataset_id\":5,\"model_name\":\"m\",\"steps\":1,\"step_ms\":0}";
    TaskInput child = new TaskInput("child", 1, Runs.parse(benchData), null, scratch, URI.create("http://x"), Pacer.UNINTERRUPTED, parents);
    assertEquals(runId, Runs.complete(new BenchmarkHandler(), child).asJsonObject().getInt("attrgen_run_id"));

    String given = "{\"dataset_id\":5,\"model_name\":\"m\",\"steps\":1,\"step_ms\":0,\"attrgen_run_id\":77}";
    TaskInput explicit = new TaskInput("child", 1, Runs.parse(given), null, scratch, URI.create("http://x"), Pacer.UNINTERRUPTED, parents);
    assertEquals(77, Runs.complete(new BenchmarkHandler(), explicit).asJsonObject().getInt("attrgen_run_id"));
    assertEquals(JsonValue.NULL, Runs.complete(new BenchmarkHandler(), Runs.input("alone", benchData, null, scratch)).asJsonObject().get("attrgen_run_id"));
  }

  @Test
  void failFailsAtTheLastStep() {
    String data = "{\"dataset_id\":5,\"model_name\":\"m\",\"steps\":3,\"step_ms\":0,\"fail\":true}";
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Runs.complete(new AttrgenHandler(), Runs.input("t", data, null, scratch)));
    assertTrue(e.getMessage().contains("batch 3 of 3"), e.getMessage());
  }
}
