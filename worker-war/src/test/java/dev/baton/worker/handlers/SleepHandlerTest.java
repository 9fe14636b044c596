package dev.baton.worker.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SleepHandlerTest {
  private final SleepHandler cut = new SleepHandler();
  @TempDir Path scratch;

  @Test
  void resumesFromAnyCheckpoint() throws Exception {
    String data = "{\"steps\":12,\"step_ms\":1}";
    JsonValue uninterrupted = Runs.complete(cut, Runs.input("t", data, null, scratch));
    for (int stopAt = 0; stopAt <= 12; stopAt++) {
      JsonObject checkpoint = Runs.checkpointAfter(cut, Runs.input("t", data, null, scratch), stopAt);
      assertEquals(uninterrupted, Runs.complete(cut, Runs.input("t", data, checkpoint, scratch)));
    }
    assertEquals(12, uninterrupted.asJsonObject().getInt("slept_ms"));
  }

  @Test
  void theDefaultStepsLastHalfToOneAndAHalfSeconds() throws Exception {
    try (TaskRun run = cut.start(Runs.input("t", "{}", null, scratch))) {
      assertEquals("step 0 of 10", run.progressMessage());
    }
    // Measured without sleeping: draw the default step lengths the way a run does.
    for (int step = 0; step < 1000; step++) {
      long ms = 500 + Seeds.at("any-task", step).nextInt(1001);
      assertTrue(ms >= 500 && ms <= 1500);
    }
  }

  @Test
  void failsAStepWithTheGivenProbability() {
    String data = "{\"steps\":3,\"step_ms\":0,\"fail_probability\":1}";
    RuntimeException e =
        assertThrows(SleepHandler.SimulatedFailure.class, () -> Runs.complete(cut, Runs.input("t", data, null, scratch)));
    assertEquals("simulated failure at step 1 of 3", e.getMessage());
  }

  @Test
  void drawsFailuresAfreshForEachAttempt() throws Exception {
    String data = "{\"steps\":1,\"step_ms\":0,\"fail_probability\":0.5}";
    Set<Boolean> outcomes = new HashSet<>();
    for (int attempt = 1; attempt <= 20; attempt++) {
      try {
        Runs.complete(cut, Runs.input("same-task", attempt, data, null, scratch, URI.create("http://x")));
        outcomes.add(true);
      } catch (SleepHandler.SimulatedFailure f) {
        outcomes.add(false);
      }
    }
    assertEquals(Set.of(true, false), outcomes);
  }
}
