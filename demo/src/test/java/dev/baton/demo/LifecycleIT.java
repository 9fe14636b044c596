package dev.baton.demo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The task lifecycle beyond one attempt, on the whole cluster: retries with backoff, poison tasks that run
 * out of retries, delayed tasks, and timers that outlive a manager killed with -9.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
@ExtendWith(SharedCluster.class)
class LifecycleIT {
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

  private static JsonObject awaitStatus(String id, String status, Duration atMost) {
    await(id + " " + status).atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() -> task(id).getString("status").equals(status));
    return task(id);
  }

  private static List<JsonObject> history(JsonObject t) {
    return t.getJsonArray("history").stream().map(h -> h.asJsonObject()).toList();
  }

  private static List<String> statuses(JsonObject t) {
    return history(t).stream().map(h -> h.getString("to")).toList();
  }

  private static long at(JsonObject h) {
    return Instant.parse(h.getString("at")).toEpochMilli();
  }

  /** Each RETRYING spell of the task: from entering RETRYING to being queued again (ms). */
  private static List<Long> retryingSpells(JsonObject t) {
    List<JsonObject> h = history(t);
    List<Long> spells = new ArrayList<>();
    for (int i = 0; i + 1 < h.size(); i++) {
      if (h.get(i).getString("to").equals("RETRYING")) {
        spells.add(at(h.get(i + 1)) - at(h.get(i)));
      }
    }
    return spells;
  }

  private static List<BatonEvent> eventsOf(String id, String type) {
    List<BatonEvent> found =
        new ArrayList<>(events.newestFirst(null, 5_000).stream().filter(e -> id.equals(e.taskId()) && e.type().equals(type)).toList());
    Collections.reverse(found);
    return found;
  }

  /** Webhooks may point at loopback only where an admin allows it: this test's receiver. */
  private static void allowWebhooksTo(int port) {
    Answer a = http.method("PUT", "api/webhooks/allowed-hosts", "{\"hosts\":[\"127.0.0.1:" + port + "\"]}");
    assertEquals(200, a.status(), a.toString());
  }

  @Test
  void aTaskThatFailsTwiceThenSucceedsRetriesWithGrowingDelays() {
    String id =
        submit("{\"type\":\"sleep\",\"max_retries\":2,\"retry_delay_ms\":400,"
            + "\"data\":{\"steps\":2,\"step_ms\":50,\"fail_attempts\":2}}");

    JsonObject t = awaitStatus(id, "COMPLETED", Duration.ofSeconds(30));

    assertEquals(
        List.of("CREATED", "ASSIGNED", "RUNNING", "RETRYING", "CREATED", "ASSIGNED", "RUNNING", "RETRYING", "CREATED", "ASSIGNED",
            "RUNNING", "COMPLETED"),
        statuses(t));
    assertEquals(3, t.getInt("attempt"));
    assertEquals(2, t.getInt("retries"));
    List<BatonEvent> retrying = eventsOf(id, "task.retrying");
    assertEquals(2, retrying.size());
    long first = Long.parseLong(retrying.get(0).fields().get("delay_ms"));
    long second = Long.parseLong(retrying.get(1).fields().get("delay_ms"));
    assertTrue(first >= 200 && first <= 400, "first delay in the upper half of 400 ms: " + first);
    assertTrue(second >= 400 && second <= 800 && second >= first, "the second doubles: " + second + " after " + first);
    List<Long> spells = retryingSpells(t);
    assertTrue(spells.get(0) >= first && spells.get(1) >= second, "never queued early: " + spells + " vs " + first + ", " + second);
    System.out.printf("RETRIES delays %d, %d ms; spells %s ms%n", first, second, spells);
    assertTrue(history(t).get(3).getString("reason").contains("simulated failure of attempt 1"), "every attempt's error is kept");
    assertTrue(history(t).get(7).getString("reason").contains("simulated failure of attempt 2"));
  }

  @Test
  void aPoisonTaskEndsFailedAfterItsRetries() {
    String id =
        submit("{\"type\":\"sleep\",\"max_retries\":2,\"retry_backoff\":\"fixed\",\"retry_delay_ms\":100,"
            + "\"data\":{\"steps\":2,\"step_ms\":20,\"fail_probability\":1}}");

    JsonObject t = awaitStatus(id, "FAILED", Duration.ofSeconds(30));

    assertEquals(3, t.getInt("attempt"));
    assertEquals(2, t.getInt("retries"));
    assertEquals(2, statuses(t).stream().filter("RETRYING"::equals).count());
    assertTrue(t.getString("error").endsWith("(after 2 of 2 retries)"), t.getString("error"));
    await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> true);
    assertEquals("FAILED", task(id).getString("status"), "and stays so");
  }

  @Test
  void aDelayedTaskStartsAtItsTimeAndNoEarlier() {
    String id = submit("{\"type\":\"noop\",\"countdown_s\":1.5}");
    JsonObject scheduled = task(id);
    assertEquals("SCHEDULED", scheduled.getString("status"));
    Instant runAt = Instant.parse(scheduled.getString("run_at"));

    JsonObject t = awaitStatus(id, "COMPLETED", Duration.ofSeconds(20));

    long late = Instant.parse(t.getString("started_at")).toEpochMilli() - runAt.toEpochMilli();
    System.out.printf("DELAYED task started %d ms after its run_at%n", late);
    assertTrue(late >= 0, "started " + (-late) + " ms early");
    assertTrue(late < 1_000, "started " + late + " ms late");
    assertEquals(List.of("SCHEDULED", "CREATED", "ASSIGNED", "RUNNING", "COMPLETED"), statuses(t));
  }

  @Test
  void retryTimersAndDelayedTasksSurviveAManagerKilledWithMinus9() {
    String retried =
        submit("{\"type\":\"sleep\",\"max_retries\":1,\"retry_backoff\":\"fixed\",\"retry_delay_ms\":4000,"
            + "\"data\":{\"steps\":1,\"step_ms\":20,\"fail_attempts\":1}}");
    String delayed = submit("{\"type\":\"noop\",\"countdown_s\":4}");
    Instant runAt = Instant.parse(task(delayed).getString("run_at"));
    awaitStatus(retried, "RETRYING", Duration.ofSeconds(15));

    cluster.demo("kill", "manager");
    cluster.demo("start");

    JsonObject r = awaitStatus(retried, "COMPLETED", Duration.ofSeconds(60));
    JsonObject d = awaitStatus(delayed, "COMPLETED", Duration.ofSeconds(60));
    assertEquals(2, r.getInt("attempt"));
    assertEquals(1, statuses(r).stream().filter("COMPLETED"::equals).count());
    assertTrue(!Instant.parse(d.getString("started_at")).isBefore(runAt), "the delayed task did not start early");
  }

  @Test
  void cancelStopsAQueuedTaskAtOnceAndARunningOneWithinAStep() {
    List<String> running = new ArrayList<>();
    for (int i = 0; i < 12; i++) { // every slot of the three workers
      running.add(submit("{\"type\":\"sleep\",\"data\":{\"steps\":40,\"step_ms\":250}}"));
    }
    await("all slots busy").atMost(Duration.ofSeconds(20)).until(() -> running.stream().allMatch(id -> task(id).getString("status").equals("RUNNING")));
    String queued = submit("{\"type\":\"noop\"}");
    assertEquals("CREATED", task(queued).getString("status"));

    Answer q = http.post("api/tasks/" + queued + "/cancel/", ""); // seed 001's spelling
    assertEquals(202, q.status(), q.toString());
    assertEquals("CANCELLED", q.json().getString("status"));

    String victim = running.get(0);
    long t0 = System.nanoTime();
    Answer r = http.post("api/tasks/" + victim + "/cancel", "");
    assertEquals(202, r.status(), r.toString());
    JsonObject cancelled = awaitStatus(victim, "CANCELLED", Duration.ofSeconds(5));
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf("CANCEL of a running task: CANCELLED after %.2f s (steps of 250 ms)%n", seconds);
    assertTrue(seconds < 2, "stopped within a step or two: " + seconds + " s");
    assertTrue(history(cancelled).get(history(cancelled).size() - 1).getString("reason").contains("stopped by worker-"), cancelled.toString());
    assertEquals("CANCELLED", http.get("api/tasks/" + victim + "/status/").json().getString("status"));
    assertEquals(409, http.post("api/tasks/" + victim + "/cancel", "").status(), "a finished task cannot be cancelled");
    assertEquals(404, http.post("api/tasks/no-such-task/cancel", "").status());

    for (String id : running.subList(1, running.size())) {
      assertEquals(202, http.post("api/tasks/" + id + "/cancel", "").status());
    }
    for (String id : running) {
      awaitStatus(id, "CANCELLED", Duration.ofSeconds(10));
    }
  }

  @Test
  void theDeadLetterListIsRequeuedOneByOneOrAllAtOnceAndCompletes() {
    String poison = "{\"type\":\"sleep\",\"data\":{\"steps\":1,\"step_ms\":10,\"fail_attempts\":1}}";
    String one = submit(poison);
    String two = submit(poison);
    String three = submit(poison);
    for (String id : List.of(one, two, three)) {
      awaitStatus(id, "FAILED", Duration.ofSeconds(20));
    }
    JsonObject deadLetters = http.get("api/tasks?status=FAILED,DEAD&limit=1000").json();
    List<String> listed = deadLetters.getJsonArray("tasks").stream().map(t -> t.asJsonObject().getString("id")).toList();
    assertTrue(listed.containsAll(List.of(one, two, three)), "the dead-letter list shows them");

    Answer single = http.post("api/tasks/" + one + "/retry", "");
    assertEquals(202, single.status(), single.toString());
    JsonObject again = awaitStatus(one, "COMPLETED", Duration.ofSeconds(20)); // attempt 2 does not fail
    assertEquals(2, again.getInt("attempt"));
    assertEquals(409, http.post("api/tasks/" + one + "/retry", "").status(), "a completed task is not requeued");

    Answer many = http.post("api/tasks/retry", "{\"ids\":[\"" + two + "\",\"" + three + "\",\"" + one + "\"]}");
    assertEquals(200, many.status(), many.toString());
    assertEquals(2, many.json().getInt("requeued"), "the completed one is not");
    awaitStatus(two, "COMPLETED", Duration.ofSeconds(20));
    awaitStatus(three, "COMPLETED", Duration.ofSeconds(20));
    assertEquals(422, http.post("api/tasks/retry", "{\"status\":\"COMPLETED\"}").status());
    assertEquals(422, http.post("api/tasks/retry", "{}").status());
  }

  @Test
  void aDeletedTaskIsGoneFromEveryViewAndTheOthersStay() {
    String done = submit("{\"type\":\"noop\"}");
    String kept = submit("{\"type\":\"noop\"}");
    String worker = awaitStatus(done, "COMPLETED", Duration.ofSeconds(20)).getString("worker_id");
    awaitStatus(kept, "COMPLETED", Duration.ofSeconds(20));
    String running = submit("{\"type\":\"sleep\",\"data\":{\"steps\":100,\"step_ms\":100}}");
    awaitStatus(running, "RUNNING", Duration.ofSeconds(20));

    assertEquals(409, http.method("DELETE", "api/tasks/" + running).status(), "not finished");
    assertEquals(204, http.method("DELETE", "api/tasks/" + done).status());

    assertEquals(404, http.get("api/tasks/" + done).status());
    assertEquals(404, http.get("api/tasks/" + done + "/status").status());
    for (String view : List.of("api/tasks?limit=1000", "api/tasks?status=COMPLETED&limit=1000", "api/tasks?type=noop&limit=1000",
        "api/tasks?worker=" + worker + "&limit=1000", "api/tasks?q=" + done.substring(0, 8), "api/tasks?sort=progress&limit=1000")) {
      List<String> ids = http.get(view).json().getJsonArray("tasks").stream().map(t -> t.asJsonObject().getString("id")).toList();
      assertTrue(!ids.contains(done), view + " still lists it");
    }
    assertEquals("COMPLETED", task(kept).getString("status"));
    assertEquals(0, http.post("api/tasks/purge", "{\"status\":\"COMPLETED\",\"older_than_s\":3600}").json().getInt("deleted"));
    assertEquals("COMPLETED", task(kept).getString("status"), "finished a moment ago: not an hour");
    assertEquals(202, http.post("api/tasks/" + running + "/cancel", "").status());
    awaitStatus(running, "CANCELLED", Duration.ofSeconds(20));
    assertEquals(204, http.method("DELETE", "api/tasks/" + running).status(), "once cancelled, it can go");
  }

  // ---- dependencies ----------------------------------------------------------------------------

  /** Submits a batch; returns the ids in request order. */
  private static List<String> batch(String tasks) {
    Answer a = http.post("api/tasks/batch", "{\"tasks\":[" + tasks + "]}");
    assertEquals(201, a.status(), a.toString());
    return a.json().getJsonArray("tasks").stream().map(t -> t.asJsonObject().getString("id")).toList();
  }

  private static long moves(JsonObject t, String from, String to) {
    return history(t).stream().filter(h -> from.equals(h.getString("from", null)) && to.equals(h.getString("to"))).count();
  }

  /** Ran exactly once: released once, claimed once, completed once. */
  private static void assertRanOnce(JsonObject t) {
    assertEquals(1, moves(t, "WAITING", "CREATED"), t.getString("id") + " released once: " + statuses(t));
    assertEquals(1, t.getInt("attempt"), t.getString("id") + " ran once: " + statuses(t));
    assertEquals(1, statuses(t).stream().filter("COMPLETED"::equals).count());
  }

  @Test
  void aChainRunsInOrderAndEachTaskGetsItsParentsResults() {
    List<String> ids =
        batch("{\"type\":\"noop\",\"ref\":\"c\",\"depends_on\":\"b\"},{\"type\":\"noop\",\"ref\":\"b\",\"depends_on\":\"a\"},"
            + "{\"type\":\"sleep\",\"ref\":\"a\",\"data\":{\"steps\":2,\"step_ms\":200}}");
    String c = ids.get(0), b = ids.get(1), a = ids.get(2);

    JsonObject last = awaitStatus(c, "COMPLETED", Duration.ofSeconds(30));

    JsonObject mid = task(b);
    assertTrue(!Instant.parse(mid.getString("started_at")).isBefore(Instant.parse(task(a).getString("finished_at"))), "b after a");
    assertTrue(!Instant.parse(last.getString("started_at")).isBefore(Instant.parse(mid.getString("finished_at"))), "c after b");
    assertEquals(task(a).get("result"), mid.getJsonObject("parent_results").get(a), "b received a's result");
    assertEquals(
        task(a).get("result"),
        last.getJsonObject("result").getJsonObject("parent_results").getJsonObject(b).getJsonObject("parent_results").get(a),
        "c's handler received b's result, which holds a's");
    assertRanOnce(mid);
    assertRanOnce(last);
    JsonObject graph = http.get("api/tasks/" + b + "/graph").json();
    assertEquals(3, graph.getJsonArray("nodes").size());
    assertEquals(2, graph.getJsonArray("edges").size());
  }

  @Test
  void aFailedParentSkipsEverythingDownstreamARequeueRunsItAllAndACancelCancelsIt() {
    String poison = "{\"type\":\"sleep\",\"ref\":\"root\",\"data\":{\"steps\":1,\"step_ms\":10,\"fail_attempts\":1}}";
    List<String> ids =
        batch(poison + ",{\"type\":\"noop\",\"ref\":\"left\",\"depends_on\":\"root\"},{\"type\":\"noop\",\"ref\":\"right\",\"depends_on\":\"root\"},"
            + "{\"type\":\"noop\",\"ref\":\"join\",\"depends_on\":[\"left\",\"right\"]}");
    String root = ids.get(0), join = ids.get(3);

    awaitStatus(root, "FAILED", Duration.ofSeconds(20));
    JsonObject skipped = awaitStatus(join, "SKIPPED", Duration.ofSeconds(10));
    assertTrue(history(skipped).get(history(skipped).size() - 1).getString("reason").startsWith("its parent "), statuses(skipped).toString());

    assertEquals(202, http.post("api/tasks/" + root + "/retry", "").status());
    for (String id : ids) {
      awaitStatus(id, "COMPLETED", Duration.ofSeconds(30)); // attempt 2 of the root does not fail
    }
    assertEquals(List.of("WAITING", "SKIPPED", "WAITING", "CREATED"), statuses(task(join)).subList(0, 4));

    List<String> more = batch("{\"type\":\"sleep\",\"ref\":\"p\",\"data\":{\"steps\":100,\"step_ms\":100}},"
        + "{\"type\":\"noop\",\"ref\":\"q\",\"depends_on\":\"p\"},{\"type\":\"noop\",\"depends_on\":\"q\"}");
    awaitStatus(more.get(0), "RUNNING", Duration.ofSeconds(20));
    assertEquals(202, http.post("api/tasks/" + more.get(0) + "/cancel", "").status());
    awaitStatus(more.get(2), "CANCELLED", Duration.ofSeconds(20));
    assertEquals("CANCELLED", task(more.get(1)).getString("status"));
  }

  @Test
  void dependentsAreReleasedExactlyOnceWhenParentsFinishTogetherAndThroughWorkerAndManagerKills() {
    // twelve parents on twelve slots, of one length: they finish at about the same instant; one child
    // waits for all of them, and each has a child of its own
    StringBuilder tasks = new StringBuilder();
    List<String> refs = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      tasks.append("{\"type\":\"sleep\",\"ref\":\"p").append(i).append("\",\"data\":{\"steps\":8,\"step_ms\":250}},");
      tasks.append("{\"type\":\"noop\",\"depends_on\":\"p").append(i).append("\"},");
      refs.add("\"p" + i + "\"");
    }
    tasks.append("{\"type\":\"noop\",\"depends_on\":[").append(String.join(",", refs)).append("]}");
    List<String> ids = batch(tasks.toString());
    String join = ids.get(ids.size() - 1);
    await("all running").atMost(Duration.ofSeconds(30)).until(() -> ids.stream().filter(id -> task(id).getString("status").equals("RUNNING")).count() >= 8);

    cluster.demo("fail-worker", "1"); // its parents recover elsewhere, from their checkpoints
    cluster.demo("kill", "manager"); // releases happen in Redis with each completion: nothing waits for a manager
    cluster.demo("start");

    JsonObject joined = awaitStatus(join, "COMPLETED", Duration.ofSeconds(90));
    assertRanOnce(joined);
    assertEquals(12, joined.getJsonObject("result").getJsonObject("parent_results").size());
    for (int i = 1; i < ids.size() - 1; i += 2) {
      assertRanOnce(awaitStatus(ids.get(i), "COMPLETED", Duration.ofSeconds(30)));
    }
  }

  // ---- webhooks --------------------------------------------------------------------------------

  private static String hmac(String secret, String body) throws Exception {
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
    return "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  private static List<JsonObject> deliveries(String hook) {
    return http.get("api/webhooks/" + hook + "/deliveries").json().getJsonArray("deliveries").stream().map(d -> d.asJsonObject()).toList();
  }

  @Test
  void aStuckWebhookHoldsBackOnlyItsOwnDeliveries() throws Exception {
    List<String> fast = new java.util.concurrent.CopyOnWriteArrayList<>();
    com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.createContext("/fast", ex -> {
      fast.add(new String(ex.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
      ex.sendResponseHeaders(204, -1);
      ex.close();
    });
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    server.createContext("/stuck", ex -> {
      try {
        release.await(30, TimeUnit.SECONDS); // answers nothing until the test ends: each attempt times out
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ex.sendResponseHeaders(204, -1);
      ex.close();
    });
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    allowWebhooksTo(server.getAddress().getPort());
    String secret = "a-secret-of-some-length";
    List<String> hooks = new ArrayList<>();
    try {
      for (String path : List.of("/stuck", "/fast")) {
        Answer a = http.post("api/webhooks", "{\"url\":\"" + base + path + "\",\"events\":[\"task.completed\"],\"secret\":\"" + secret + "\"}");
        assertEquals(201, a.status(), a.toString());
        hooks.add(a.json().getString("id"));
      }
      String first = submit("{\"type\":\"noop\"}");
      await("the fast one told of the first").atMost(Duration.ofSeconds(15)).until(() -> fast.stream().anyMatch(b -> b.contains(first)));
      long t0 = System.nanoTime();
      String second = submit("{\"type\":\"noop\"}"); // the stuck one is still on the first (attempts of 5 s)
      await("the fast one told of the second").atMost(Duration.ofSeconds(5)).until(() -> fast.stream().anyMatch(b -> b.contains(second)));
      System.out.printf("WEBHOOK a stuck endpoint beside: the next event reached the fast one after %.2f s%n", (System.nanoTime() - t0) / 1e9);
      assertTrue(deliveries(hooks.get(0)).isEmpty(), "the stuck one has delivered nothing yet");
    } finally {
      release.countDown();
      for (String id : hooks) {
        http.method("DELETE", "api/webhooks/" + id);
      }
      server.stop(0);
    }
  }

  @Test
  void webhooksHearOfEventsSignedAndRetriedAndEveryDeliveryIsLogged() throws Exception {
    record Received(String body, String signature, String event) {}
    List<Received> received = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.Map<String, Integer> flakyCalls = new java.util.concurrent.ConcurrentHashMap<>(); // per event
    com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/hook", ex -> {
      String body = new String(ex.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      received.add(new Received(body, ex.getRequestHeaders().getFirst("X-Baton-Signature"), ex.getRequestHeaders().getFirst("X-Baton-Event")));
      ex.sendResponseHeaders(204, -1);
      ex.close();
    });
    server.createContext("/flaky", ex -> {
      String body = new String(ex.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      // each event fails twice, then gets through
      ex.sendResponseHeaders(flakyCalls.merge(body, 1, Integer::sum) <= 2 ? 503 : 200, -1);
      ex.close();
    });
    server.start();
    String secret = "a-secret-of-some-length";
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    allowWebhooksTo(server.getAddress().getPort());
    List<String> hooks = new ArrayList<>();
    try {
      Answer hook = http.post("api/webhooks", "{\"url\":\"" + base + "/hook\",\"events\":[\"task.completed\",\"task.failed\"],\"secret\":\"" + secret + "\"}");
      assertEquals(201, hook.status(), hook.toString());
      assertTrue(!hook.body().contains(secret), "the secret is never shown");
      hooks.add(hook.json().getString("id"));
      Answer flaky = http.post("api/webhooks", "{\"url\":\"" + base + "/flaky\",\"events\":[\"task.completed\"],\"secret\":\"" + secret + "\"}");
      hooks.add(flaky.json().getString("id"));

      String ok = submit("{\"type\":\"noop\"}");
      String bad = submit("{\"type\":\"sleep\",\"data\":{\"steps\":1,\"step_ms\":10,\"fail_attempts\":1}}");

      await("both told").atMost(Duration.ofSeconds(30)).until(() -> received.stream().filter(r -> r.body().contains(ok) || r.body().contains(bad)).count() >= 2);
      for (Received r : received) {
        assertEquals(hmac(secret, r.body()), r.signature(), "signed with the secret: " + r.body());
        JsonObject event = jakarta.json.Json.createReader(new java.io.StringReader(r.body())).readObject();
        assertEquals(r.event(), event.getString("type"));
      }
      assertTrue(received.stream().anyMatch(r -> r.event().equals("task.completed") && r.body().contains(ok)));
      assertTrue(received.stream().anyMatch(r -> r.event().equals("task.failed") && r.body().contains(bad)));
      await("the flaky one got it on the third attempt").atMost(Duration.ofSeconds(30))
          .until(() -> deliveries(hooks.get(1)).stream().anyMatch(d -> ok.equals(d.getString("task_id", null)) && d.getBoolean("delivered")));
      JsonObject retried = deliveries(hooks.get(1)).stream().filter(d -> ok.equals(d.getString("task_id", null))).findFirst().orElseThrow();
      assertEquals(3, retried.getInt("attempts"), retried.toString());
      assertEquals(200, retried.getInt("status_code"));
      JsonObject first = deliveries(hooks.get(0)).stream().filter(d -> ok.equals(d.getString("task_id", null))).findFirst().orElseThrow();
      assertEquals(1, first.getInt("attempts"));
      assertEquals(204, first.getInt("status_code"));

      assertEquals(422, http.post("api/webhooks", "{\"url\":\"ftp://x\",\"events\":[\"task.completed\"],\"secret\":\"" + secret + "\"}").status());
      assertEquals(422, http.post("api/webhooks", "{\"url\":\"" + base + "\",\"events\":[\"task.exploded\"],\"secret\":\"" + secret + "\"}").status());
      assertEquals(422, http.post("api/webhooks", "{\"url\":\"" + base + "\",\"events\":[\"task.completed\"],\"secret\":\"short\"}").status());
      assertEquals(2, http.get("api/webhooks").json().getInt("count"), "nothing stored by the refused ones");
    } finally {
      for (String id : hooks) {
        assertEquals(204, http.method("DELETE", "api/webhooks/" + id).status());
      }
      server.stop(0);
    }
    assertEquals(404, http.get("api/webhooks/" + hooks.get(0)).status());
  }

  @Test
  void aHardTimeLimitStopsAHandlerStuckInOneStepAndTheSoftOneWarnsItFirst() {
    String stuck = submit("{\"type\":\"sleep\",\"time_limit_s\":2,\"data\":{\"steps\":1,\"step_ms\":60000}}");
    String slow =
        submit("{\"type\":\"sleep\",\"time_limit_s\":3,\"soft_time_limit_s\":1,\"data\":{\"steps\":40,\"step_ms\":250}}");

    JsonObject s = awaitStatus(stuck, "FAILED", Duration.ofSeconds(10));
    JsonObject w = awaitStatus(slow, "FAILED", Duration.ofSeconds(10));

    assertEquals("time limit of 2 s exceeded", s.getString("error"));
    long ran = Instant.parse(s.getString("finished_at")).toEpochMilli() - Instant.parse(s.getString("started_at")).toEpochMilli();
    System.out.printf("TIME LIMIT 2 s: the stuck attempt ended after %d ms%n", ran);
    assertTrue(ran >= 2_000 && ran < 4_000, "stopped at its limit: " + ran + " ms");
    assertEquals("time limit of 3 s exceeded", w.getString("error"));
    assertTrue(w.getString("progress_message").contains("soft time limit reached"), w.getString("progress_message"));
    assertTrue(w.getInt("checkpoints") >= 1, "a checkpoint was written at the soft limit");
  }

  @Test
  void aTaskNotStartedBeforeItExpiresIsCancelled() {
    Instant now = Instant.now();
    String inTime = submit("{\"type\":\"noop\",\"countdown_s\":1,\"expires_at\":\"" + now.plusSeconds(30) + "\"}");
    Answer never = http.post("api/tasks", "{\"type\":\"noop\",\"countdown_s\":4,\"expires_at\":\"" + now.plusSeconds(2) + "\"}");
    assertEquals(422, never.status(), "a task that would expire before it is due is refused: " + never);
    awaitStatus(inTime, "COMPLETED", Duration.ofSeconds(15));

    List<String> fillers = new ArrayList<>();
    for (int i = 0; i < 12; i++) { // every slot busy, so the next task waits in the queue
      fillers.add(submit("{\"type\":\"sleep\",\"data\":{\"steps\":40,\"step_ms\":250}}"));
    }
    await("all slots busy").atMost(Duration.ofSeconds(20)).until(() -> fillers.stream().allMatch(id -> task(id).getString("status").equals("RUNNING")));
    String expiring = submit("{\"type\":\"noop\",\"expires_at\":\"" + Instant.now().plusSeconds(1) + "\"}");

    JsonObject t = awaitStatus(expiring, "CANCELLED", Duration.ofSeconds(10));

    List<JsonObject> h = history(t);
    assertEquals("expired", h.get(h.size() - 1).getString("reason"));
    assertEquals(0, t.getInt("attempt"), "it never ran");
    fillers.forEach(id -> http.post("api/tasks/" + id + "/cancel", ""));
  }

  /** The schedule's fired events, oldest first. */
  private static List<BatonEvent> fired(String schedule) {
    List<BatonEvent> found =
        new ArrayList<>(
            events.newestFirst(null, 5_000).stream()
                .filter(e -> e.type().equals("schedule.fired") && schedule.equals(e.fields().get("schedule")))
                .toList());
    Collections.reverse(found);
    return found;
  }

  @Test
  void aScheduleEverySecondCreatesExactlyOneTaskPerTick() {
    Answer a =
        http.post("api/schedules", "{\"name\":\"every-second\",\"cron\":\"* * * * * *\",\"overlap\":\"allow\",\"task\":{\"type\":\"noop\"}}");
    assertEquals(201, a.status(), a.toString());
    await("five ticks").atMost(Duration.ofSeconds(15)).until(() -> fired("every-second").size() >= 5);
    http.post("api/schedules/every-second/pause", "");
    JsonObject s = http.get("api/schedules/every-second").json();

    List<BatonEvent> ticks = fired("every-second");
    List<Long> times = ticks.stream().map(e -> Long.parseLong(e.fields().get("tick"))).toList();
    assertEquals(times.size(), times.stream().distinct().count(), "no tick fired twice: " + times);
    for (int i = 1; i < times.size(); i++) {
      assertEquals(1_000, times.get(i) - times.get(i - 1), "one tick a second, none left out: " + times);
    }
    assertEquals(ticks.size(), s.getJsonNumber("fires").longValue());
    for (BatonEvent e : ticks) {
      awaitStatus(e.taskId(), "COMPLETED", Duration.ofSeconds(10));
      long firedLate = e.at().toEpochMilli() - Long.parseLong(e.fields().get("tick"));
      assertTrue(firedLate < 500, "fired " + firedLate + " ms after its tick");
    }
    System.out.printf("SCHEDULE every second: %d ticks, each once; fired %s ms after the tick%n", ticks.size(),
        ticks.stream().map(e -> Long.toString(e.at().toEpochMilli() - Long.parseLong(e.fields().get("tick")))).toList());
    assertEquals(204, http.method("DELETE", "api/schedules/every-second").status());
  }

  @Test
  void aTickMissedWhileNoManagerRanFiresOnceLateAndSaysSo() {
    Answer a = http.post("api/schedules", "{\"name\":\"every-2s\",\"cron\":\"*/2 * * * * *\",\"overlap\":\"allow\",\"task\":{\"type\":\"noop\"}}");
    assertEquals(201, a.status(), a.toString());
    await("a first tick").atMost(Duration.ofSeconds(10)).until(() -> fired("every-2s").size() >= 1);

    cluster.demo("kill", "manager");
    long downAt = System.currentTimeMillis();
    await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(6)).until(() -> true); // ticks come and go, no manager
    cluster.demo("start");
    await("ticks again").atMost(Duration.ofSeconds(60)).until(() -> fired("every-2s").stream().anyMatch(e -> e.at().toEpochMilli() > downAt + 5_000));
    await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> true); // a regular tick after the late one
    http.post("api/schedules/every-2s/pause", "");

    List<BatonEvent> after = fired("every-2s").stream().filter(e -> Long.parseLong(e.fields().get("tick")) > downAt).toList();
    List<BatonEvent> late = after.stream().filter(e -> Long.parseLong(e.fields().get("late_ms")) > 1_000).toList();
    assertEquals(1, late.size(), "the ticks missed while down fire once, late: " + after);
    assertTrue(late.get(0).message().contains("s late"), late.get(0).message());
    List<Long> ticks = after.stream().map(e -> Long.parseLong(e.fields().get("tick"))).toList();
    assertEquals(ticks.size(), ticks.stream().distinct().count(), "no tick fired twice: " + ticks);
    assertTrue(after.size() >= 2, "and then on time again: " + after);
    System.out.printf("SCHEDULE missed while the manager was down: fired once %d ms late%n", Long.parseLong(late.get(0).fields().get("late_ms")));
    assertEquals(204, http.method("DELETE", "api/schedules/every-2s").status());
  }

  @Test
  void withTwoManagersRunningEachTickStillCreatesOneTask() {
    cluster.demo("start-manager-2");
    try {
      String env2 = java.nio.file.Files.readString(cluster.runDir().resolve("manager-2.env"));
      String port2 = env2.lines().filter(l -> l.startsWith("MANAGER2_PORT=")).findFirst().orElseThrow().substring(14);
      Http second = new Http(java.net.URI.create("http://127.0.0.1:" + port2 + "/")).basic("admin", cluster.adminPassword());
      assertEquals(200, second.get("api/system/status").status(), "the second manager answers");
      Answer a =
          second.post("api/schedules", "{\"name\":\"two-managers\",\"cron\":\"* * * * * *\",\"overlap\":\"allow\",\"task\":{\"type\":\"noop\"}}");
      assertEquals(201, a.status(), a.toString());
      await("eight ticks").atMost(Duration.ofSeconds(20)).until(() -> fired("two-managers").size() >= 8);
      http.post("api/schedules/two-managers/pause", "");

      List<BatonEvent> ticks = fired("two-managers");
      List<Long> times = ticks.stream().map(e -> Long.parseLong(e.fields().get("tick"))).toList();
      assertEquals(times.size(), times.stream().distinct().count(), "no tick fired twice with two managers: " + times);
      for (int i = 1; i < times.size(); i++) {
        assertEquals(1_000, times.get(i) - times.get(i - 1), "none left out: " + times);
      }
      assertEquals(ticks.size(), http.get("api/schedules/two-managers").json().getJsonNumber("fires").longValue());
      System.out.printf("SCHEDULE with two managers: %d ticks, each fired once%n", ticks.size());
      assertEquals(204, http.method("DELETE", "api/schedules/two-managers").status());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } finally {
      cluster.run("kill", "manager-2");
    }
  }
}
