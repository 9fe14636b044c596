package dev.baton.demo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.event.BatonEvent;
import dev.baton.store.Redis;
import dev.baton.store.RedisEventLog;
import dev.baton.testing.Http;
import dev.baton.testing.Http.Answer;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Named queues on the whole cluster: limits that hold across every worker (checked against the tasks'
 * own histories), pause, stop and start with the state kept through a manager killed with -9, workers
 * that take only some queues, and bad input.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
@ExtendWith(SharedCluster.class)
class QueuesIT {
  private static Cluster cluster;
  private static Http http;
  private static Redis redis;
  private static RedisEventLog events;

  @BeforeAll
  static void connect(Cluster shared) throws Exception {
    cluster = shared;
    http = cluster.api();
    redis = cluster.redis();
    events = new RedisEventLog(redis);
  }

  @AfterAll
  static void disconnect() {
    redis.close();
  }

  @AfterEach
  void heal() {
    SharedCluster.heal(cluster, http);
  }

  private static String submit(String spec) {
    Answer a = http.post("api/tasks", spec);
    assertEquals(201, a.status(), a.toString());
    return a.json().getString("id");
  }

  private static JsonObject task(String id) {
    Answer a = http.get("api/tasks/" + id);
    assertEquals(200, a.status(), a.toString());
    return a.json();
  }

  private static JsonObject queue(String name) {
    Answer a = http.get("api/queues/" + name);
    assertEquals(200, a.status(), a.toString());
    return a.json();
  }

  private static JsonObject post(String path) {
    Answer a = http.post(path, "");
    assertEquals(200, a.status(), a.toString());
    return a.json();
  }

  private static void awaitAll(List<String> ids, String status, Duration atMost) {
    await("all " + status).atMost(atMost).pollInterval(Duration.ofMillis(200))
        .until(() -> ids.stream().allMatch(id -> task(id).getString("status").equals(status)));
  }

  private static long at(JsonObject h) {
    return Instant.parse(h.getString("at")).toEpochMilli();
  }

  /** When the task ran, from its own history: [entered RUNNING, left it) for each spell. */
  private static List<long[]> runningSpells(JsonObject t) {
    List<JsonObject> h = t.getJsonArray("history").stream().map(v -> v.asJsonObject()).toList();
    List<long[]> spells = new ArrayList<>();
    for (int i = 0; i < h.size(); i++) {
      if (h.get(i).getString("to").equals("RUNNING")) {
        long end = Long.MAX_VALUE;
        for (int j = i + 1; j < h.size(); j++) {
          if (!h.get(j).getString("to").equals("MIGRATING")) {
            end = at(h.get(j));
            break;
          }
        }
        spells.add(new long[] {at(h.get(i)), end});
      }
    }
    return spells;
  }

  /** The most spells open at one instant. */
  private static int mostAtOnce(List<long[]> spells) {
    int most = 0;
    for (long[] s : spells) {
      int open = 0;
      for (long[] o : spells) {
        if (o[0] <= s[0] && s[0] < o[1]) {
          open++;
        }
      }
      most = Math.max(most, open);
    }
    return most;
  }

  @Test
  void theConcurrencyLimitHoldsAcrossEveryWorkerAndTheRateLimitWithinAnyWindow() {
    JsonObject limited = http.method("PUT", "api/queues/gpu", "{\"concurrency\": 2}").json();
    assertEquals(2, limited.getInt("concurrency"));
    List<String> gpu = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      gpu.add(submit("{\"type\":\"sleep\",\"queue\":\"gpu\",\"data\":{\"steps\":3,\"step_ms\":200}}"));
    }
    int[] seen = new int[1];
    await("gpu done").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
      JsonObject q = queue("gpu");
      seen[0] = Math.max(seen[0], (int) q.getJsonNumber("running").longValue());
      return q.getJsonObject("tasks").getInt("COMPLETED", 0) == 10;
    });
    List<long[]> spells = new ArrayList<>();
    Set<String> workers = new HashSet<>();
    for (String id : gpu) {
      JsonObject t = task(id);
      spells.addAll(runningSpells(t));
      workers.add(t.getString("worker_id"));
    }
    int most = mostAtOnce(spells);
    System.out.printf("QUEUE concurrency 2: at most %d of 10 tasks ran at once (histories), %d seen by the queue; on %s%n", most, seen[0], workers);
    assertEquals(2, most, "never more than the limit, and the limit used");
    assertTrue(seen[0] <= 2);
    assertTrue(workers.size() >= 2, "spread over the cluster: " + workers);
    JsonObject q = queue("gpu");
    assertEquals(0, q.getJsonNumber("parked").longValue());
    assertTrue(q.getJsonNumber("mean_run_ms").longValue() >= 600, q.toString());
    assertTrue(q.getJsonNumber("throughput_per_s").doubleValue() > 0, q.toString());

    http.method("PUT", "api/queues/mail", "{\"rate_limit\": {\"max\": 3, \"per_s\": 2}}");
    List<String> mail = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      mail.add(submit("{\"type\":\"noop\",\"queue\":\"mail\"}"));
    }
    awaitAll(mail, "COMPLETED", Duration.ofSeconds(30));
    List<Long> starts = new ArrayList<>();
    for (String id : mail) {
      runningSpells(task(id)).forEach(s -> starts.add(s[0]));
    }
    starts.sort(null);
    System.out.printf("QUEUE rate 3 per 2 s: 9 tasks started over %d ms, at %s ms%n", starts.get(8) - starts.get(0),
        starts.stream().map(t -> t - starts.get(0)).toList());
    for (int i = 0; i + 3 < starts.size(); i++) {
      assertTrue(starts.get(i + 3) - starts.get(i) >= 2_000, "4 starts within 2 s: " + starts);
    }
  }

  @Test
  void aPausedQueueStartsNothingAStoppedOneCallsItsTasksBackAndBothSurviveAManagerKillUntilStart() {
    List<String> running = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      running.add(submit("{\"type\":\"sleep\",\"queue\":\"night\",\"checkpoint_interval_s\":1,\"data\":{\"steps\":40,\"step_ms\":250}}"));
    }
    await("running with a checkpoint").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
        .until(() -> running.stream().allMatch(id -> task(id).getString("status").equals("RUNNING") && task(id).getInt("checkpoints") > 0));

    assertEquals("paused", post("api/queues/night/pause").getString("state"));
    String held = submit("{\"type\":\"noop\",\"queue\":\"night\"}");
    JsonObject h = task(held);
    assertEquals("CREATED", h.getString("status"));
    assertEquals("queue night is paused", h.getString("parked_reason"));
    assertTrue(running.stream().allMatch(id -> task(id).getString("status").equals("RUNNING")), "a pause lets running tasks run");

    long t0 = System.nanoTime();
    assertEquals("stopped", post("api/queues/night/stop").getString("state"));
    awaitAll(running, "RELEASED", Duration.ofSeconds(10));
    System.out.printf("QUEUE stop: 3 running tasks handed back in %.2f s (steps of 250 ms)%n", (System.nanoTime() - t0) / 1e9);
    List<Integer> progressAtStop = new ArrayList<>();
    for (String id : running) {
      JsonObject t = task(id);
      assertEquals("queue night is stopped", t.getString("parked_reason"));
      assertTrue(t.getInt("progress") > 0);
      progressAtStop.add(t.getInt("progress"));
    }
    JsonObject q = queue("night");
    assertEquals(0, q.getJsonNumber("running").longValue());
    assertEquals(4, q.getJsonNumber("parked").longValue());

    cluster.demo("kill", "manager");
    cluster.demo("start");
    assertEquals("stopped", queue("night").getString("state"), "the state is kept in Redis");
    assertTrue(running.stream().allMatch(id -> task(id).getString("status").equals("RELEASED")));
    assertEquals("CREATED", task(held).getString("status"));

    assertEquals("active", post("api/queues/night/start").getString("state"));
    awaitAll(running, "COMPLETED", Duration.ofSeconds(60));
    awaitAll(List.of(held), "COMPLETED", Duration.ofSeconds(20));
    for (int i = 0; i < running.size(); i++) {
      String id = running.get(i);
      List<BatonEvent> resumed = events.newestFirst(null, 5_000).stream()
          .filter(e -> id.equals(e.taskId()) && e.type().equals("task.resumed")).toList();
      assertEquals(1, resumed.size(), "resumed once, after the start: " + resumed);
      int from = Integer.parseInt(resumed.get(0).fields().get("progress"));
      assertTrue(from > 0 && from <= progressAtStop.get(i) + 5, "resumed from its checkpoint: " + from + " vs " + progressAtStop.get(i));
      JsonObject done = task(id);
      assertEquals(40 * 250, done.getJsonObject("result").getInt("slept_ms"), 1_000, "no step ran twice, none was left out");
    }
  }

  @Test
  void aWorkerTakesOnlyFromItsQueuesAndTheOthersRunTheRest() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      ids.add(submit("{\"type\":\"sleep\",\"queue\":\"local-only\",\"data\":{\"steps\":2,\"step_ms\":100}}"));
    }
    awaitAll(ids, "COMPLETED", Duration.ofSeconds(40));
    Set<String> workers = new HashSet<>();
    for (String id : ids) {
      workers.add(task(id).getString("worker_id"));
    }
    assertFalse(workers.contains("worker-3"), "worker-3 takes only " + SharedCluster.WORKER_3_QUEUES + ": " + workers);
    assertEquals(Set.of("worker-1", "worker-2"), workers);
    JsonObject w3 = http.get("api/workers/worker-3").json();
    assertTrue(w3.toString().contains("night"), "a worker shows its queues: " + w3);
  }

  @Test
  void badQueueRequestsAre4xxProblemsAndChangeNothing() {
    Answer bad = http.post("api/tasks", "{\"type\":\"noop\",\"queue\":\"no spaces/please\"}");
    assertEquals(422, bad.status(), bad.toString());
    assertTrue(bad.body().contains("\"field\":\"queue\""), bad.body());
    assertEquals(404, http.get("api/queues/never-used-queue").status());

    post("api/queues/limits/pause");
    for (String body : List.of("{\"concurrency\": 0}", "{\"concurrency\": 2.5}", "{\"rate_limit\": {\"max\": 0, \"per_s\": 1}}",
        "{\"rate_limit\": {\"max\": 5}}", "{\"rate_limit\": 5}", "{\"speed\": 1}", "[]")) {
      Answer a = http.method("PUT", "api/queues/limits", body);
      assertEquals(422, a.status(), body + " -> " + a);
      assertTrue(a.contentType().startsWith("application/problem+json"), a.toString());
    }
    Answer name = http.post("api/queues/b%20d/pause", "");
    assertEquals(422, name.status(), name.toString());
    assertTrue(name.body().contains("\"field\":\"name\""), name.body());
    JsonObject q = queue("limits");
    assertTrue(q.isNull("concurrency") && q.isNull("rate_limit"), "nothing stored: " + q);
    assertEquals("paused", q.getString("state"));
  }
}
