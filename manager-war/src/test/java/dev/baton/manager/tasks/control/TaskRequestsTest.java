package dev.baton.manager.tasks.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.json.Jsonp;
import dev.baton.manager.problems.JsonBodies;
import dev.baton.manager.problems.Problem;
import dev.baton.manager.refusal.Refusal;
import dev.baton.task.ParamSpec.Kind;
import dev.baton.task.ParamSpec;
import dev.baton.task.Priority;
import dev.baton.task.TaskTypeDescriptor;
import dev.baton.task.Violation;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskRequestsTest {
  private static final Map<String, TaskTypeDescriptor> TYPES =
      Map.of(
          "calc",
          new TaskTypeDescriptor(
              "calc",
              "test type",
              List.of(
                  ParamSpec.of("input", Kind.NUMBER_ARRAY, "numbers").mandatory().between(1, 3),
                  ParamSpec.of("mode", Kind.STRING, "how").oneOf("fast", "slow"),
                  ParamSpec.of("n", Kind.INTEGER, "count").between(1, 10))),
          "noop",
          new TaskTypeDescriptor("noop", "nothing", List.of()));
  private final TaskRequests cut = new TaskRequests(TYPES, 100);

  private static Problem refused(Runnable r) {
    return Problem.of(assertThrows(Refusal.class, r::run), "/api/tasks");
  }

  private static List<String> fields(Problem p) {
    return p.errors().stream().map(Violation::field).toList();
  }

  @Test
  void appliesDefaults() {
    TaskSpec spec = cut.one(Jsonp.parse("{\"type\":\"noop\"}"));
    assertEquals(Priority.DEFAULT, spec.priority());
    assertEquals("{}", spec.dataJson());
    assertNull(spec.checkpointIntervalS());
  }

  @Test
  void namesEveryWrongFieldAtOnce() {
    Problem p = refused(() -> cut.one(Jsonp.parse("{\"type\":\"calc\",\"priority\":11,\"data\":{\"input\":[],\"mode\":\"warp\",\"n\":2.5,\"x\":1},\"zzz\":0}")));
    assertEquals(422, p.status());
    assertEquals(List.of("zzz", "priority", "data.input", "data.mode", "data.n", "data.x"), fields(p));
    assertTrue(p.errors().get(2).reason().contains("from 1 to 3 elements"), p.errors().toString());
    assertTrue(p.errors().get(3).reason().contains("[fast, slow]"));
  }

  @Test
  void anUnknownTypeListsTheKnownOnes() {
    Problem p = refused(() -> cut.one(Jsonp.parse("{\"type\":\"warp\"}")));
    assertEquals("unknown type 'warp'; known types: calc, noop", p.errors().get(0).reason().replace("noop, calc", "calc, noop"));
    Problem none = Problem.of(assertThrows(Refusal.class, () -> new TaskRequests(Map.of(), 100).one(Jsonp.parse("{\"type\":\"x\"}"))), "/");
    assertTrue(none.errors().get(0).reason().contains("no worker has registered"), none.toString());
  }

  @Test
  void batchErrorsCarryTheTasksIndex() {
    Problem p = refused(() -> cut.batch(Jsonp.parse("{\"tasks\":[{\"type\":\"noop\"},{\"type\":\"noop\",\"priority\":\"9\"},7]}"), 10));
    assertEquals(List.of("tasks[1].priority", "tasks[2]"), fields(p));
    Problem bare = refused(() -> cut.batch(Jsonp.parse("[{\"type\":\"noop\"},{}]"), 10));
    assertEquals(List.of("[1].type"), fields(bare));
  }

  @Test
  void limitsSizes() {
    Problem tooMany = refused(() -> cut.batch(Jsonp.parse("[{\"type\":\"noop\"},{\"type\":\"noop\"},{\"type\":\"noop\"}]"), 2));
    assertEquals(413, tooMany.status());
    Problem bigData = refused(() -> cut.one(Jsonp.parse("{\"type\":\"noop\",\"data\":{\"pad\":\"" + "x".repeat(100) + "\"}}")));
    assertEquals(413, bigData.status());
    assertEquals(List.of("data"), fields(bigData));
    Problem bigBody =
        refused(() -> JsonBodies.read(new ByteArrayInputStream("{\"a\":\"0123456789\"}".getBytes(StandardCharsets.UTF_8)), 10));
    assertEquals(413, bigBody.status());
  }

  @Test
  void malformedJsonIs400WithThePosition() {
    Problem p = refused(() -> JsonBodies.read(new ByteArrayInputStream("{\n \"type\": }".getBytes(StandardCharsets.UTF_8)), 1000));
    assertEquals(400, p.status());
    assertTrue(p.detail().contains("line 2"), p.detail());
  }
}
