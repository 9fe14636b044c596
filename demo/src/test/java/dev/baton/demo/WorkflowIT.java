package dev.baton.demo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.testing.Http;
import dev.baton.testing.Http.Answer;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Seed 004 on the whole cluster: its queue API as written there (add, list, one task, cancel, start, pause,
 * resume, stop, stats, its status words), attrgen's run id injected into the benchmarks that depend on it,
 * and its Telegram messages (played by a local Bot API).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
@ExtendWith(SharedCluster.class)
class WorkflowIT {
  private static Cluster cluster;
  private static Http http;

  @BeforeAll
  static void connect(Cluster shared) {
    cluster = shared;
    http = cluster.api();
  }

  @AfterEach
  void heal() {
    SharedCluster.heal(cluster, http);
  }

  private static String add(String body) {
    Answer a = http.post("api/queue/add", body);
    assertEquals(201, a.status(), a.toString());
    return a.json().getString("task_id");
  }

  private static JsonObject seedTask(String id) {
    Answer a = http.get("api/queue/" + id);
    assertEquals(200, a.status(), a.toString());
    return a.json();
  }

  private static void awaitWord(String id, String word) {
    await(id + " " + word).atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
        .until(() -> seedTask(id).getString("status").equals(word));
  }

  @Test
  void seed004sExamplesRunAsWrittenThereWithTheRunIdInjectedAndItsStatusWords() {
    JsonObject stopped = http.post("api/queue/stop", "").json();
    assertEquals("stopped", stopped.getString("state"));

    // Example 1: a simple benchmark; example 2: attrgen with a dependent benchmark; example 3: a night batch
    String simple = add("{\"task_type\":\"benchmark\",\"config\":{\"dataset_id\":5,\"model_name\":\"mistral-24b\",\"include_rationale\":true,"
        + "\"llm\":\"vllm\",\"vllm_base_url\":\"http://localhost:8000\",\"batch_size\":4,\"steps\":2,\"step_ms\":50},"
        + "\"label\":\"Mistral 24B Benchmark\"}");
    List<String> attrgens = new ArrayList<>();
    List<String> benchmarks = new ArrayList<>();
    for (String model : List.of("mistral-24b", "llama-70b", "gpt-4")) {
      String attrgen = add("{\"task_type\":\"attrgen\",\"config\":{\"dataset_id\":5,\"model_name\":\"" + model + "\",\"steps\":3,\"step_ms\":50}}");
      attrgens.add(attrgen);
      for (boolean rationale : new boolean[] {true, false}) {
        for (String scale : List.of("in", "rev")) {
          benchmarks.add(add("{\"task_type\":\"benchmark\",\"config\":{\"dataset_id\":5,\"model_name\":\"" + model + "\",\"include_rationale\":"
              + rationale + ",\"scale_mode\":\"" + scale + "\",\"steps\":2,\"step_ms\":50},\"depends_on\":" + "\"" + attrgen + "\"}"));
        }
      }
    }
    assertEquals("queued", seedTask(simple).getString("status"));
    assertEquals("waiting", seedTask(benchmarks.get(0)).getString("status"));
    JsonObject queue = http.get("api/queue?include_done=false&limit=50").json();
    assertEquals("stopped", queue.getString("state"));
    assertTrue(queue.getInt("count") >= 16, queue.toString());
    JsonObject stats = http.get("api/queue/stats").json();
    assertEquals(12, stats.getInt("waiting"), stats.toString());
    assertTrue(stats.getInt("queued") >= 4, stats.toString());

    assertEquals("active", http.post("api/queue/start", "").json().getString("state"));
    awaitWord(simple, "done");
    for (String b : benchmarks) {
      awaitWord(b, "done");
    }
    for (int i = 0; i < benchmarks.size(); i++) {
      String attrgen = attrgens.get(i / 4);
      int runId = seedTask(attrgen).getJsonObject("result").getInt("attrgen_run_id");
      JsonObject b = seedTask(benchmarks.get(i));
      assertEquals(runId, b.getJsonObject("result").getInt("attrgen_run_id"), "attrgen_run_id injected: " + b);
      assertEquals(runId, b.getJsonObject("parent_results").getJsonObject(attrgen).getInt("attrgen_run_id"));
    }
    JsonObject done = http.get("api/queue?include_done=true&limit=1000").json();
    assertTrue(done.getJsonArray("tasks").stream().anyMatch(t -> t.asJsonObject().getString("task_id").equals(simple)));
    assertTrue(http.get("api/queue?include_done=false&limit=1000").json().getJsonArray("tasks").stream()
        .noneMatch(t -> t.asJsonObject().getString("task_id").equals(simple)), "done tasks are left out by default");
  }

  @Test
  void aFailureSkipsItsBenchmarksACancelCancelsThemAndTelegramToldOfCompletionsAndFailuresOnly() {
    SharedCluster.TELEGRAM.failNext(2); // a flaky Telegram: the first message gets through on its third attempt
    String failing = add("{\"task_type\":\"attrgen\",\"critical\":true,\"label\":\"AttrGen llama-70b\","
        + "\"config\":{\"dataset_id\":7,\"model_name\":\"llama-70b\",\"steps\":2,\"step_ms\":50,\"fail\":true}}");
    String skipped = add("{\"task_type\":\"benchmark\",\"config\":{\"dataset_id\":7,\"model_name\":\"llama-70b\"},\"depends_on\":\"" + failing + "\"}");
    http.post("api/queue/pause", "");
    String cancelled = add("{\"task_type\":\"attrgen\",\"config\":{\"dataset_id\":8,\"model_name\":\"gpt-4\"}}");
    String cancelledChild = add("{\"task_type\":\"benchmark\",\"config\":{\"dataset_id\":8,\"model_name\":\"gpt-4\"},\"depends_on\":[\"" + cancelled + "\"]}");
    Answer c = http.post("api/queue/" + cancelled + "/cancel", "");
    assertEquals(200, c.status(), c.toString());
    assertEquals("cancelled", c.json().getString("status"));
    http.post("api/queue/resume", "");
    String fine = add("{\"task_type\":\"attrgen\",\"label\":\"AttrGen mistral\",\"config\":{\"dataset_id\":9,\"model_name\":\"mistral-24b\",\"steps\":1,\"step_ms\":10}}");

    awaitWord(failing, "failed");
    awaitWord(skipped, "skipped");
    awaitWord(cancelledChild, "cancelled");
    awaitWord(fine, "done");
    assertTrue(seedTask(skipped).getString("baton_status").equals("SKIPPED"));

    await("telegram messages").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .until(() -> !SharedCluster.TELEGRAM.about(failing).isEmpty() && !SharedCluster.TELEGRAM.about(fine).isEmpty());
    String failure = SharedCluster.TELEGRAM.about(failing).get(0);
    System.out.println("TELEGRAM " + failure);
    System.out.println("TELEGRAM " + SharedCluster.TELEGRAM.about(fine).get(0));
    assertTrue(failure.startsWith("⚠️ CRITICAL"), failure);
    assertTrue(failure.contains("AttrGen llama-70b") && failure.contains("model server not reachable"), failure);
    assertTrue(SharedCluster.TELEGRAM.about(fine).get(0).contains("done: AttrGen mistral"));
    assertEquals(TelegramStub.CHAT, SharedCluster.TELEGRAM.accepted().get(0).getString("chat_id"));
    assertEquals(List.of(), SharedCluster.TELEGRAM.about(cancelled), "no message on a cancel");
    assertEquals(List.of(), SharedCluster.TELEGRAM.about(skipped), "nor on a skip");
    assertEquals(List.of(), SharedCluster.TELEGRAM.about(cancelledChild));
  }

  @Test
  void theWorkflowDemoPlaysSeed004sNightBatchAndChecksIt() {
    String out = cluster.demo("demo-workflow");
    out.lines().filter(l -> l.contains("attrgen_run_id") || l.contains("failed; its") || l.contains("exactly once"))
        .forEach(l -> System.out.println("SCENARIO demo-workflow:" + l));
    assertTrue(out.contains("completed exactly once: 16 of 16  OK"), out);
    assertEquals(3, out.lines().filter(l -> l.contains("handed to 4 of 4 benchmarks")).count(), out);
    assertTrue(out.contains("its benchmarks: [SKIPPED, SKIPPED]"), out);
    assertTrue(out.contains("its benchmark: CANCELLED"), out);
  }

  @Test
  void badSeedRequestsAre4xxProblemsNamingSeed004sFields() {
    Answer unknownType = http.post("api/queue/add", "{\"task_type\":\"pool_gen\",\"config\":{}}");
    assertEquals(422, unknownType.status(), unknownType.toString());
    assertTrue(unknownType.body().contains("\"field\":\"task_type\""), unknownType.body());
    Answer badConfig = http.post("api/queue/add", "{\"task_type\":\"benchmark\",\"config\":{\"dataset_id\":\"five\",\"model_name\":\"m\"}}");
    assertEquals(422, badConfig.status());
    assertTrue(badConfig.body().contains("\"field\":\"config.dataset_id\""), badConfig.body());
    Answer unknownField = http.post("api/queue/add", "{\"task_type\":\"benchmark\",\"cfg\":{}}");
    assertEquals(422, unknownField.status());
    assertTrue(unknownField.body().contains("\"field\":\"cfg\""), unknownField.body());
    Answer unknownParent = http.post("api/queue/add", "{\"task_type\":\"benchmark\",\"config\":{\"dataset_id\":1,\"model_name\":\"m\"},\"depends_on\":123}");
    assertEquals(422, unknownParent.status(), unknownParent.toString());
    assertEquals(404, http.get("api/queue/no-such-task").status());
    assertEquals(422, http.get("api/queue?include_done=maybe").status());
    assertEquals(422, http.get("api/queue?limit=0").status());
  }
}
