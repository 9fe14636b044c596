package dev.baton.demo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.testing.Http.Answer;
import dev.baton.testing.Http;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole system, for real: demo.sh starts Redis, the Artemis broker, the manager and three workers,
 * each its own process, on loopback; tasks of every type travel REST -> Redis -> Artemis -> worker ->
 * Redis and complete exactly once; a stop and start keeps every task.
 */
class ClusterIT {
  private static final String SEED =
      """
      {
        "type": "computation",
        "priority": 5,
        "data": {
          "operation": "complex-calculation",
          "input": [1, 2, 3, 4, 5],
          "iterations": 100
        }
      }""";
  private static Cluster cluster;
  private static Http api;

  @BeforeAll
  static void startCluster() throws Exception {
    long t0 = System.nanoTime();
    cluster = Cluster.start("cluster-it", Map.of());
    api = cluster.api();
    System.out.printf("cluster started in %.1f s%n", (System.nanoTime() - t0) / 1e9);
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  private static JsonObject task(String id) {
    Answer a = api.get("api/tasks/" + id);
    assertEquals(200, a.status(), a.toString());
    return a.json();
  }

  private static void awaitAll(List<String> ids, String status, Duration atMost) {
    Set<String> pending = new HashSet<>(ids);
    await("all " + ids.size() + " tasks " + status)
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              pending.removeIf(id -> status.equals(task(id).getString("status")));
              return pending.isEmpty();
            });
  }

  private static List<String> submitBatch(List<String> tasks) {
    Answer a = api.post("api/tasks/batch", tasks.stream().collect(Collectors.joining(",", "{\"tasks\":[", "]}")));
    assertEquals(201, a.status(), a.toString());
    return a.json().getJsonArray("tasks").stream().map(t -> t.asJsonObject().getString("id")).toList();
  }

  private static List<String> statuses(JsonObject task) {
    return task.getJsonArray("history").stream().map(h -> h.asJsonObject().getString("to")).toList();
  }

  @Test
  void everyComponentIsUpOnLoopback() {
    JsonObject status = api.get("api/system/status").json();
    assertEquals("UP", status.getString("status"), status.toString());
    assertEquals(3, status.getJsonObject("components").getJsonObject("workers").getInt("alive"));
    assertEquals("UP", status.getJsonObject("components").getJsonObject("redis").getString("status"));
    assertEquals("UP", status.getJsonObject("components").getJsonObject("broker").getString("status"));
    JsonArray workers = api.get("api/workers").json().getJsonArray("workers");
    assertEquals(
        Set.of("worker-1", "worker-2", "worker-3"), workers.stream().map(w -> w.asJsonObject().getString("id")).collect(Collectors.toSet()));
    assertTrue(cluster.demo("start").contains("already running"), "a second start says so");
    String status2 = cluster.demo("status");
    assertTrue(status2.contains("worker-3") && status2.contains("running"), status2);
  }

  @Test
  void theSeedsCurlExampleRunsToCompletionWithCheckpoints() {
    Answer created = api.post("api/tasks", SEED);
    assertEquals(201, created.status(), created.toString());
    JsonObject t = created.json();
    for (String field : List.of("id", "type", "status", "priority", "data", "progress", "worker_id", "created_at", "updated_at")) {
      assertTrue(t.containsKey(field), field + " in " + t);
    }
    assertEquals("CREATED", t.getString("status"));
    String id = t.getString("id");

    awaitAll(List.of(id), "COMPLETED", Duration.ofSeconds(60));
    JsonObject done = task(id);
    assertEquals(100, done.getInt("progress"));
    assertTrue(done.getString("worker_id").startsWith("worker-"));
    assertEquals(1, done.getInt("attempt"));
    assertEquals(1, done.getInt("epoch"));
    assertEquals(64, done.getJsonObject("result").getString("digest").length());
    assertFalse(done.isNull("checkpoint_data"), "checkpoints were written: " + done);
    assertNotNull(done.getString("last_checkpoint_at"));
    assertEquals(List.of("CREATED", "ASSIGNED", "RUNNING", "COMPLETED"), statuses(done));
  }

  @Test
  void threeHundredTasksOfEveryTypeCompleteExactlyOnce() {
    List<String> specs = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      specs.add("{\"type\":\"computation\",\"priority\":" + (i % 10) + ",\"data\":{\"input\":[" + (i % 3) + ",2,3],\"iterations\":40,\"rounds\":200}}");
      specs.add("{\"type\":\"io\",\"data\":{\"size_bytes\":262144,\"chunk_bytes\":32768}}");
      specs.add("{\"type\":\"network\",\"data\":{\"requests\":5,\"payload_bytes\":512}}");
      specs.add("{\"type\":\"sleep\",\"data\":{\"steps\":3,\"step_ms\":100}}");
      specs.add("{\"type\":\"noop\"}");
    }
    long t0 = System.nanoTime();
    List<String> ids = submitBatch(specs);
    assertEquals(300, ids.size());

    awaitAll(ids, "COMPLETED", Duration.ofMinutes(4));
    System.out.printf("300 tasks of 5 types completed in %.1f s%n", (System.nanoTime() - t0) / 1e9);

    Map<String, Integer> byWorker = new HashMap<>();
    Map<String, Set<String>> computationResults = new HashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      JsonObject t = task(ids.get(i));
      List<String> history = statuses(t);
      assertEquals(1, history.stream().filter("COMPLETED"::equals).count(), "one completion: " + t);
      assertEquals(1, t.getInt("attempt"), t.toString());
      assertEquals(1, t.getInt("epoch"), t.toString());
      byWorker.merge(t.getString("worker_id"), 1, Integer::sum);
      if (t.getString("type").equals("computation")) {
        computationResults.computeIfAbsent(t.getJsonObject("data").getJsonArray("input").toString(), k -> new HashSet<>())
            .add(t.getJsonObject("result").toString());
      }
      if (t.getString("type").equals("io")) {
        assertTrue(t.getJsonObject("result").getBoolean("verified"));
      }
    }
    assertEquals(Set.of("worker-1", "worker-2", "worker-3"), byWorker.keySet(), "all workers took part: " + byWorker);
    assertEquals(3, computationResults.size());
    computationResults.forEach((input, results) -> assertEquals(1, results.size(), "same input, same result: " + input));
    assertEquals(300, completionEventsFor(new HashSet<>(ids)).values().stream().filter(n -> n == 1).count());
  }

  /** task.completed events per task, from the event log. */
  private static Map<String, Integer> completionEventsFor(Set<String> ids) {
    Map<String, Integer> counts = new HashMap<>();
    String before = null;
    for (int page = 0; page < 1000; page++) {
      JsonObject p = api.get("api/system/events?limit=1000" + (before == null ? "" : "&before=" + before)).json();
      for (JsonValue v : p.getJsonArray("events")) {
        JsonObject e = v.asJsonObject();
        if (e.getString("type").equals("task.completed") && ids.contains(e.getString("task_id", ""))) {
          counts.merge(e.getString("task_id"), 1, Integer::sum);
        }
      }
      if (p.isNull("next_before")) {
        break;
      }
      before = p.getString("next_before");
    }
    return counts;
  }

  /**
   * Stop and start keeps every task: Redis' AOF and the broker's journal survive, and the tasks that were
   * running when the workers stopped are handed back at a checkpoint and resume from it.
   */
  @Test
  void stopAndStartKeepEveryTask() {
    List<String> specs =
        IntStream.range(0, 24)
            .mapToObj(i -> i % 3 == 0
                ? "{\"type\":\"computation\",\"data\":{\"input\":[" + i + "],\"iterations\":200,\"rounds\":100,\"pace_ms\":20}}"
                : "{\"type\":\"sleep\",\"data\":{\"steps\":8,\"step_ms\":400}}")
            .toList();
    List<String> ids = submitBatch(specs);
    await().atMost(Duration.ofSeconds(60)).until(() -> runningCount(ids) >= 8);

    cluster.demo("stop");
    String stopped = cluster.demo("status");
    assertFalse(stopped.contains(" running "), "everything stopped:\n" + stopped);
    long t0 = System.nanoTime();
    cluster.demo("start");
    System.out.printf("cluster restarted in %.1f s%n", (System.nanoTime() - t0) / 1e9);

    awaitAll(ids, "COMPLETED", Duration.ofMinutes(3));
    int resumed = 0;
    for (String id : ids) {
      JsonObject t = task(id);
      List<String> history = statuses(t);
      assertEquals(1, history.stream().filter("COMPLETED"::equals).count(), t.toString());
      if (history.contains("RECOVERING")) {
        resumed++;
        assertTrue(t.getInt("attempt") >= 2, t.toString());
        assertTrue(t.getInt("checkpoints") >= 1, "handed back with a checkpoint: " + t);
      }
    }
    assertTrue(resumed >= 8, "tasks running at the stop resumed after the start: " + resumed);
  }

  private static long runningCount(List<String> ids) {
    return ids.stream().filter(id -> task(id).getString("status").equals("RUNNING")).count();
  }

  @Test
  void createTaskMakesTheSeedsTask() {
    String out = cluster.demo("create-task", "7");
    assertTrue(out.contains("\"priority\":7") && out.contains("\"status\":\"CREATED\""), out);
  }

  /**
   * Everything demo.sh and the servers it starts write - Redis' AOF (every user's password hash, every task), the
   * broker's journal, the logs, the secrets, Payara's folders, Prometheus' data - is the user's alone: after a start,
   * a scenario, monitoring and a stop, no file or folder in the run folder that another user may read, write or enter.
   */
  @Test
  void theRunFolderIsThePrivateOfItsUser() throws Exception {
    cluster.demo("monitoring");
    cluster.demo("demo-scenario");
    cluster.demo("stop");
    try {
      List<String> open = new java.util.ArrayList<>();
      int seen = 0;
      try (var all = java.nio.file.Files.walk(cluster.runDir())) {
        for (java.nio.file.Path p : all.toList()) {
          var perms = java.nio.file.Files.getPosixFilePermissions(p, java.nio.file.LinkOption.NOFOLLOW_LINKS);
          seen++;
          if (perms.stream().anyMatch(x -> x.name().startsWith("GROUP_") || x.name().startsWith("OTHERS_"))) {
            open.add(cluster.runDir().relativize(p) + " " + java.nio.file.attribute.PosixFilePermissions.toString(perms));
          }
        }
      }
      assertTrue(open.isEmpty(), open.size() + " of " + seen + " open to others: " + open.subList(0, Math.min(20, open.size())));
      assertTrue(seen > 100, "the run folder was looked at whole: " + seen);
      assertTrue(java.nio.file.Files.exists(cluster.runDir().resolve("redis/appendonlydir")));
      assertTrue(java.nio.file.Files.exists(cluster.runDir().resolve("monitoring/data")));
    } finally {
      cluster.demo("start");
    }
  }

  /**
   * The bench runs the anchors' workloads on the real cluster and prints their keys and the CPU each of the cluster's
   * processes spent per task (read from /proc by the PIDs the launcher recorded). No figure is judged here: a
   * benchmark is the judge of speed, this test that the bench measures what it says.
   */
  @Test
  void theBenchRunsTheAnchorsWorkloadsAndCountsEachProcessesCpu() {
    JsonObject w1 = lastJsonLine(cluster.demo("bench", "300", "--slots", "4")); // the workers have 4: none restarts
    assertEquals("w1", w1.getString("workload"));
    assertEquals(300, w1.getInt("jobs"));
    assertEquals(300, w1.getInt("completed"));
    assertTrue(w1.getJsonNumber("jobs_per_s").doubleValue() > 0, w1.toString());
    assertTrue(w1.getJsonNumber("lat_finish_p99_ms").longValue() >= w1.getJsonNumber("lat_start_p50_ms").longValue(), w1.toString());
    JsonObject cpu = w1.getJsonObject("cpu_us_per_task");
    for (String process : List.of("redis", "broker", "manager", "worker-1", "worker-2", "worker-3")) {
      assertTrue(cpu.getJsonNumber(process).longValue() > 0, process + " did work: " + cpu);
    }
    long sum = cpu.entrySet().stream().filter(e -> !e.getKey().equals("total")).mapToLong(e -> ((jakarta.json.JsonNumber) e.getValue()).longValue()).sum();
    assertTrue(Math.abs(cpu.getJsonNumber("total").longValue() - sum) <= cpu.size(), "the total adds up (rounding aside): " + cpu);

    JsonObject w2 = lastJsonLine(cluster.demo("bench", "--workload", "w2"));
    assertEquals(2000, w2.getInt("completed"));
    double efficiency = w2.getJsonNumber("efficiency").doubleValue();
    assertTrue(efficiency > 0 && efficiency <= 1, "ideal time over real time: " + w2);

    // an idle cluster: each task submitted once the one before has completed (the start latency after a 201)
    JsonObject idle = lastJsonLine(cluster.demo("bench", "20", "--workload", "idle"));
    assertEquals(20, idle.getInt("completed"));
    assertTrue(idle.getJsonNumber("lat_start_p50_ms").longValue() <= idle.getJsonNumber("lat_finish_p50_ms").longValue(), idle.toString());

    Cluster.Result wrong = cluster.run("bench", "--workload", "w9");
    assertTrue(wrong.exit() != 0 && wrong.output().contains("w1, w2, w3 or idle"), wrong.output());
    Cluster.Result noSlots = cluster.run("bench", "--slots", "0");
    assertTrue(noSlots.exit() != 0 && noSlots.output().contains("--slots"), noSlots.output());
  }

  private static JsonObject lastJsonLine(String output) {
    String[] lines = output.strip().split("\n");
    return jakarta.json.Json.createReader(new java.io.StringReader(lines[lines.length - 1])).readObject();
  }
}
