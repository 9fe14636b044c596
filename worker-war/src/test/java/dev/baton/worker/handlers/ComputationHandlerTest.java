package dev.baton.worker.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.file.Path;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ComputationHandlerTest {
  private final ComputationHandler cut = new ComputationHandler();
  @TempDir Path scratch;

  /** The property recovery rests on: resume from ANY checkpoint, get exactly the uninterrupted result. */
  @ParameterizedTest
  @ValueSource(strings = {"complex-calculation", "hash-chain", "series"})
  void aRunResumedFromAnyCheckpointEqualsAnUninterruptedOne(String operation) throws Exception {
    Random random = new Random(42);
    for (int trial = 0; trial < 5; trial++) {
      String input =
          IntStream.range(0, 1 + random.nextInt(20))
              .mapToObj(i -> Double.toString(random.nextGaussian() * 1000))
              .collect(Collectors.joining(",", "[", "]"));
      int iterations = 1 + random.nextInt(60);
      String data =
          "{\"operation\":\"" + operation + "\",\"input\":" + input + ",\"iterations\":" + iterations + ",\"rounds\":7}";
      String id = UUID.randomUUID().toString();
      JsonValue uninterrupted = Runs.complete(cut, Runs.input(id, data, null, scratch));

      for (int stopAt = 0; stopAt <= iterations; stopAt++) {
        JsonObject checkpoint = Runs.checkpointAfter(cut, Runs.input(id, data, null, scratch), stopAt);
        JsonValue resumed = Runs.complete(cut, Runs.input(id, data, checkpoint, scratch));
        assertEquals(uninterrupted, resumed, "resumed after " + stopAt + " of " + iterations + " iterations");
      }
    }
  }

  @Test
  void aCheckpointOfACheckpointResumesToo() throws Exception {
    String data = "{\"input\":[1,2,3,4,5],\"iterations\":100,\"rounds\":3}";
    JsonValue uninterrupted = Runs.complete(cut, Runs.input("t", data, null, scratch));

    JsonObject first = Runs.checkpointAfter(cut, Runs.input("t", data, null, scratch), 30);
    JsonObject second = Runs.checkpointAfter(cut, Runs.input("t", data, first, scratch), 45);

    assertEquals(75, second.getInt("iteration"));
    assertEquals(uninterrupted, Runs.complete(cut, Runs.input("t", data, second, scratch)));
  }

  @Test
  void theSeedExampleComputesARealResult() throws Exception {
    String seed = "{\"operation\":\"complex-calculation\",\"input\":[1,2,3,4,5],\"iterations\":100}";
    JsonObject result = Runs.complete(cut, Runs.input("a", seed, null, scratch)).asJsonObject();
    JsonObject other = Runs.complete(cut, Runs.input("b", seed.replace("[1,2,3,4,5]", "[1,2,3,4,6]"), null, scratch)).asJsonObject();

    assertEquals(64, result.getString("digest").length());
    assertTrue(result.getJsonNumber("value").doubleValue() > 0);
    assertNotEquals(result.getString("digest"), other.getString("digest"), "depends on the input");
    assertEquals(result, Runs.complete(cut, Runs.input("c", seed, null, scratch)), "and only on the input");
  }

  @Test
  void checkpointsAtTenthsOfTheWork() throws Exception {
    try (TaskRun run = cut.start(Runs.input("t", "{\"input\":[1],\"iterations\":50,\"rounds\":1}", null, scratch))) {
      int wanted = 0;
      while (!run.isDone()) {
        run.step();
        wanted += run.wantsCheckpoint() ? 1 : 0;
      }
      assertEquals(9, wanted, "every 5 iterations, not after the last");
    }
  }

  @Test
  void declaresItsParameters() {
    var violations = cut.descriptor().validate(Runs.parse("{\"input\":\"x\",\"iterations\":0,\"speed\":1}"), "");
    assertEquals(3, violations.size(), violations.toString());
    assertTrue(cut.descriptor().validate(Runs.parse("{\"input\":[1,2],\"iterations\":5}"), "").isEmpty());
    assertTrue(cut.descriptor().validate(Runs.parse("{}"), "").toString().contains("data.input"));
  }
}
