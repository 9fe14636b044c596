package dev.baton.demo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.store.Redis;
import dev.baton.store.RedisTaskStore;
import dev.baton.task.TaskRecord;
import dev.baton.testing.Http.Answer;
import dev.baton.testing.Http;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fault injection on a whole cluster of real processes (demo.sh): killed, frozen and restarted workers,
 * manager, broker and Redis; poison tasks; a worker lacking a type; migrations by hand and by overload.
 * Every test checks the same invariants: no accepted task lost, no task completed twice (by its history
 * and by the test's own count from the event stream), epochs that only increase, recovery within its
 * bound, and only documented HTTP answers.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
@ExtendWith(SharedCluster.class)
class FaultsIT {
  private static final Duration CRASH_BOUND = Duration.ofSeconds(2);
  /** worker_timeout_s (4 s) + 2 s. */
  private static final Duration HANG_BOUND = Duration.ofSeconds(6);
  private static final Set<Integer> DOCUMENTED = Set.of(200, 201, 202, 400, 404, 405, 409, 413, 422, 503);

  private static Cluster cluster;
  private static Http http;
  private static CompletionCounter counter;
  private static Redis redis;
  private static RedisTaskStore store;
  private static final Map<String, Long> epochs = new ConcurrentHashMap<>();
  private static final List<String> answers = new ArrayList<>();

  /** The shared cluster: worker-3 lacks the io type; a lost send is retried after 5 s. */
  @BeforeAll
  static void startCluster(Cluster shared) throws Exception {
    cluster = shared;
    http = cluster.api();
    counter = new CompletionCounter(cluster.client());
    redis = cluster.redis();
    store = new RedisTaskStore(redis);
  }

  @AfterAll
  static void stopCluster() {
    counter.close();
    redis.close();
    List<String> undocumented = answers.stream().filter(a -> !DOCUMENTED.contains(Integer.parseInt(a.substring(0, 3)))).toList();
    assertTrue(undocumented.isEmpty(), "undocumented HTTP answers: " + undocumented);
  }

  /** Back to full health: every component running, nothing paused, no simulated failure left. */
  @AfterEach
  void heal() {
    SharedCluster.heal(cluster, http);
  }

  // ----------------------------------------------------------------------------------------------
  // Helpers: every API answer is recorded; every task read checks that its epoch never goes back.

  private static Answer call(Answer a) {
    synchronized (answers) {
      answers.add(a.status() + " " + a.contentType());
    }
    if (a.status() >= 400) {
      assertTrue(a.contentType().startsWith("application/problem+json"), "errors are problem details: " + a);
    }
    return a;
  }

  private static int aliveWorkers() {
    return call(http.get("api/system/status")).json().getJsonObject("components").getJsonObject("workers").getInt("alive");
  }

  private static JsonObject task(String id) {
    Answer a = call(http.get("api/tasks/" + id));
    assertEquals(200, a.status(), "the task is there: " + a);
    JsonObject t = a.json();
    long epoch = t.getJsonNumber("epoch").longValue();
    epochs.merge(id, epoch, (before, now) -> {
      assertTrue(now >= before, "epoch of " + id + " went back from " + before + " to " + now);
      return now;
    });
    return t;
  }

  private static List<String> submit(int n, String spec) {
    String body = IntStream.range(0, n).mapToObj(i -> spec).collect(Collectors.joining(",", "{\"tasks\":[", "]}"));
    Answer a = call(http.post("api/tasks/batch", body));
    assertEquals(201, a.status(), a.toString());
    return a.json().getJsonArray("tasks").stream().map(t -> t.asJsonObject().getString("id")).toList();
  }

  private static void awaitStatus(Collection<String> ids, String status, Duration atMost) {
    Set<String> pending = new HashSet<>(ids);
    await(ids.size() + " task(s) " + status)
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(250))
        .until(() -> {
          pending.removeIf(id -> status.equals(task(id).getString("status")));
          return pending.isEmpty();
        });
  }

  private static List<String> statuses(JsonObject t) {
    return t.getJsonArray("history").stream().map(h -> h.asJsonObject().getString("to")).toList();
  }

  /** No task lost, each in {@code status}, completed at most once by its history and by the test's count. */
  private static void assertInvariants(Collection<String> ids, String status) {
    for (String id : ids) {
      JsonObject t = task(id);
      assertEquals(status, t.getString("status"), t.toString());
      List<String> history = statuses(t);
      long completions = history.stream().filter("COMPLETED"::equals).count();
      assertTrue(completions <= 1, "completed twice: " + t);
      long[] e = t.getJsonArray("history").stream().mapToLong(h -> h.asJsonObject().getJsonNumber("epoch").longValue()).toArray();
      for (int i = 1; i < e.length; i++) {
        assertTrue(e[i] >= e[i - 1], "history epochs go back: " + t);
      }
    }
    if (status.equals("COMPLETED")) {
      await("the event stream saw every completion")
          .atMost(Duration.ofSeconds(15))
          .until(() -> ids.stream().allMatch(id -> counter.completions(id) >= 1));
      ids.forEach(id -> assertEquals(1, counter.completions(id), "completions of " + id + " seen on the stream"));
    }
  }

  private static Map<String, List<String>> byWorker(Collection<String> ids) {
    Map<String, List<String>> m = new HashMap<>();
    for (String id : ids) {
      JsonObject t = task(id);
      if (t.getString("status").equals("RUNNING")) {
        m.computeIfAbsent(t.getString("worker_id"), k -> new ArrayList<>()).add(id);
      }
    }
    return m;
  }

  /** The worker running most of these tasks, once each of its tasks has written a checkpoint. */
  private static String busiestWithCheckpoints(List<String> ids) {
    await("tasks running, with checkpoints").atMost(Duration.ofSeconds(30)).until(() -> byWorker(ids).size() >= 2);
    String victim = byWorker(ids).entrySet().stream().max(Map.Entry.comparingByValue((a, b) -> a.size() - b.size())).orElseThrow().getKey();
    await("checkpoints on " + victim)
        .atMost(Duration.ofSeconds(30))
        .until(() -> byWorker(ids).getOrDefault(victim, List.of()).stream().allMatch(id -> task(id).getInt("checkpoints") >= 1));
    return victim;
  }

  /** Seconds from {@code t0} until every task is RUNNING on another worker than {@code victim}. */
  private static double untilRunningElsewhere(List<String> tasks, String victim, long t0, Duration atMost) {
    Set<String> pending = new HashSet<>(tasks);
    await("tasks of " + victim + " running elsewhere")
        .atMost(atMost.plusSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> {
          pending.removeIf(id -> {
            JsonObject t = task(id);
            return t.getString("status").equals("RUNNING") && !t.getString("worker_id").equals(victim);
          });
          return pending.isEmpty();
        });
    return (System.nanoTime() - t0) / 1e9;
  }

  private static int number(String worker) {
    return Integer.parseInt(worker.substring("worker-".length()));
  }

  private static List<String> eventTypesSince(Instant since) {
    List<String> types = new ArrayList<>();
    for (JsonValue v : call(http.get("api/system/events?limit=1000")).json().getJsonArray("events")) {
      JsonObject e = v.asJsonObject();
      if (!Instant.parse(e.getString("at")).isBefore(since)) {
        types.add(e.getString("type") + (e.isNull("worker_id") ? "" : " " + e.getString("worker_id")));
      }
    }
    return types;
  }

  // ----------------------------------------------------------------------------------------------

  @Test
  void aWorkerKilledMidTaskHasItsTasksResumedElsewhereWithinTwoSeconds() {
    List<String> ids = submit(6, "{\"type\":\"sleep\",\"checkpoint_interval_s\":1,\"data\":{\"steps\":40,\"step_ms\":250}}");
    String victim = busiestWithCheckpoints(ids);
    List<String> victims = byWorker(ids).get(victim);
    Map<String, Integer> checkpointed = new HashMap<>();
    victims.forEach(id -> checkpointed.put(id, task(id).getJsonObject("checkpoint_data").getInt("step")));

    long t0 = System.nanoTime();
    cluster.demo("fail-worker", Integer.toString(number(victim)));
    double seconds = untilRunningElsewhere(victims, victim, t0, CRASH_BOUND);

    System.out.printf("RECOVERY kill -9 of %s: %d task(s) running elsewhere after %.2f s (bound %d s)%n", victim, victims.size(), seconds, CRASH_BOUND.toSeconds());
    assertTrue(seconds <= CRASH_BOUND.toSeconds(), "recovered after " + seconds + " s");
    for (String id : victims) {
      JsonObject t = task(id);
      assertTrue(t.getInt("progress") > 0, "resumed, not restarted from 0: " + t);
      assertTrue(statuses(t).contains("RECOVERING"));
    }
    awaitStatus(ids, "COMPLETED", Duration.ofSeconds(90));
    assertInvariants(ids, "COMPLETED");
    for (String id : victims) {
      TaskRecord r = store.find(id).orElseThrow();
      assertEquals(2, r.attempt(), "one more attempt, from step " + checkpointed.get(id));
    }
    assertTrue(eventTypesSince(Instant.now().minusSeconds(120)).contains("worker.failed " + victim));
  }

  /** The worker's own API, as the admin. */
  private static Http ownApi(String worker) {
    return new Http(URI.create(call(http.get("api/workers/" + worker)).json().getString("url") + "/")).basic("admin", cluster.adminPassword());
  }

  /** Breaks the victim with a demo.sh command: its tasks must run elsewhere within the hang bound, and it is FAILED. */
  private static void breakUntilReplaced(String command, String what, String victim, List<String> victims) {
    long t0 = System.nanoTime();
    cluster.demo(command, Integer.toString(number(victim)));
    double seconds = untilRunningElsewhere(victims, victim, t0, HANG_BOUND);
    System.out.printf("RECOVERY %s of %s: %d task(s) running elsewhere after %.2f s (bound %d s)%n", what, victim, victims.size(), seconds,
        HANG_BOUND.toSeconds());
    assertTrue(seconds <= HANG_BOUND.toSeconds(), "recovered after " + seconds + " s");
    assertEquals("FAILED", call(http.get("api/workers/" + victim)).json().getString("status"));
  }

  /** Until the worker's own API no longer lists any of the tasks it lost. */
  private static void awaitDropped(Http own, List<String> lost, Duration atMost) {
    await("the old owner drops the tasks it lost")
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(20))
        .until(() -> own.get("api/worker").json().getJsonArray("running_tasks").stream().map(v -> ((jakarta.json.JsonString) v).getString())
            .noneMatch(lost::contains));
  }

  /**
   * SIGSTOP past the lease, then SIGCONT: the frozen worker's tasks resume elsewhere within timeout + 2 s;
   * the zombie's writes are refused, it stops those tasks within 2 s of waking and rejoins.
   */
  @Test
  void aFrozenWorkerIsReplacedAndFencedWhenItWakes() {
    List<String> ids = submit(6, "{\"type\":\"sleep\",\"checkpoint_interval_s\":1,\"data\":{\"steps\":40,\"step_ms\":250}}");
    String victim = busiestWithCheckpoints(ids);
    List<String> victims = byWorker(ids).get(victim);

    Http zombie = ownApi(victim);
    breakUntilReplaced("pause-worker", "SIGSTOP", victim, victims);

    long woke = System.nanoTime();
    cluster.demo("resume-worker", Integer.toString(number(victim)));
    awaitDropped(zombie, victims, Duration.ofSeconds(10));
    double stopped = (System.nanoTime() - woke) / 1e9;
    System.out.printf("ZOMBIE %s stopped its lost tasks %.2f s after waking (bound 2 s)%n", victim, stopped);
    assertTrue(stopped <= 2.0, "stopped after " + stopped + " s");
    await().atMost(Duration.ofSeconds(10)).until(() -> call(http.get("api/workers/" + victim)).json().getString("status").equals("UP"));

    awaitStatus(ids, "COMPLETED", Duration.ofSeconds(90));
    assertInvariants(ids, "COMPLETED");
    victims.forEach(id -> assertFalse(task(id).getString("worker_id").equals(victim), "completed by the new owner"));
  }

  /**
   * A real partition (nftables drops every packet between the worker and the rest of the cluster): unlike a freeze,
   * the cut-off worker goes on running its tasks while the manager, no longer hearing it, has them resumed elsewhere -
   * two attempts of each at once. Fencing decides: the new owners record the results, each exactly once; once the link
   * is back, the old owner's writes are refused, it drops the tasks it lost and rejoins.
   */
  @Test
  void aPartitionedWorkerKeepsRunningIsReplacedAndFencedWhenHealed() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        cluster.run("partition", "--check").exit() == 0, "network faults need root, nftables and cgroup v2");
    List<String> ids = submit(6, "{\"type\":\"sleep\",\"checkpoint_interval_s\":1,\"data\":{\"steps\":40,\"step_ms\":250}}");
    String victim = busiestWithCheckpoints(ids);
    List<String> victims = byWorker(ids).get(victim);
    Http cutOff = ownApi(victim);
    long pid = Long.parseLong(java.nio.file.Files.readString(cluster.runDir().resolve("pids/" + victim + ".pid")).trim());
    // asked once before the cut: the worker checks a caller's password against Redis once, then remembers it
    assertEquals(200, cutOff.get("api/worker").status(), "the victim's own API answers");

    breakUntilReplaced("partition-worker", "partition", victim, victims);
    // not a freeze: the process runs, and its own API (the test is outside the cut) still lists the tasks it lost
    assertFalse(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat")).split(" ")[2].equals("T"), "not stopped");
    Answer own = cutOff.get("api/worker");
    assertEquals(200, own.status(), "the cut-off worker still answers the test, which is outside the cut: " + own);
    List<String> stillHeld = own.json().getJsonArray("running_tasks").stream()
        .map(v -> ((jakarta.json.JsonString) v).getString()).filter(victims::contains).toList();
    System.out.printf("SPLIT %s still runs %d of its %d lost task(s) on its side of the cut%n", victim, stillHeld.size(), victims.size());

    long healed = System.nanoTime();
    cluster.demo("heal-worker", Integer.toString(number(victim)));
    awaitDropped(cutOff, victims, Duration.ofSeconds(20));
    System.out.printf("FENCED %s dropped its lost tasks %.2f s after the heal%n", victim, (System.nanoTime() - healed) / 1e9);
    await().atMost(Duration.ofSeconds(30)).until(() -> call(http.get("api/workers/" + victim)).json().getString("status").equals("UP"));

    awaitStatus(ids, "COMPLETED", Duration.ofSeconds(90));
    assertInvariants(ids, "COMPLETED");
    victims.forEach(id -> assertFalse(task(id).getString("worker_id").equals(victim), "completed by the new owner"));
  }

  /** The manager dies: tasks keep running and reporting; a new manager sends what was stored but not sent. */
  @Test
  void theManagerIsKilledAndRestarted() {
    List<String> running = submit(4, "{\"type\":\"sleep\",\"data\":{\"steps\":30,\"step_ms\":300}}");
    awaitStatus(running, "RUNNING", Duration.ofSeconds(30));
    List<String> justAccepted = submit(200, "{\"type\":\"noop\"}");
    cluster.demo("kill", "manager");

    Map<String, Integer> before = new HashMap<>();
    running.forEach(id -> before.put(id, store.find(id).orElseThrow().progress()));
    await("tasks keep reporting while the manager is down")
        .atMost(Duration.ofSeconds(20))
        .until(() -> running.stream().allMatch(id -> store.find(id).orElseThrow().progress() > before.get(id)));

    long t0 = System.nanoTime();
    cluster.demo("start");
    System.out.printf("manager restarted in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    List<String> all = new ArrayList<>(running);
    all.addAll(justAccepted);
    awaitStatus(all, "COMPLETED", Duration.ofSeconds(90));
    assertInvariants(all, "COMPLETED");
    running.forEach(id -> assertEquals(1, task(id).getInt("attempt"), "in-flight tasks were not disturbed"));
  }

  /** kill -9 of the broker: running tasks go on, new ones are accepted, and all complete once it is back. */
  @Test
  void theBrokerIsKilledAndRestartedOnItsJournal() {
    List<String> first = submit(30, "{\"type\":\"sleep\",\"data\":{\"steps\":4,\"step_ms\":300}}");
    awaitStatus(first.subList(0, 3), "RUNNING", Duration.ofSeconds(30));
    cluster.demo("kill", "broker");

    List<String> during = submit(10, "{\"type\":\"noop\"}");
    await("the manager sees the broker down")
        .atMost(Duration.ofSeconds(10))
        .until(() -> call(http.get("api/system/status")).json().getJsonObject("components").getJsonObject("broker").getString("status").equals("DOWN"));

    long t0 = System.nanoTime();
    cluster.demo("start");
    List<String> all = new ArrayList<>(first);
    all.addAll(during);
    awaitStatus(all, "COMPLETED", Duration.ofSeconds(120));
    System.out.printf("after the broker restart all %d tasks completed in %.1f s%n", all.size(), (System.nanoTime() - t0) / 1e9);
    assertInvariants(all, "COMPLETED");
    assertFalse(eventTypesSince(Instant.now().minusSeconds(60)).stream().anyMatch(e -> e.startsWith("worker.failed")), "no false alarm");
  }

  /** kill -9 of Redis: 503s meanwhile, every task survives (AOF), and no mass false recovery afterwards. */
  @Test
  void redisIsKilledAndRestartedFromItsAof() {
    List<String> ids = submit(8, "{\"type\":\"sleep\",\"data\":{\"steps\":10,\"step_ms\":400}}");
    awaitStatus(ids.subList(0, 4), "RUNNING", Duration.ofSeconds(30));
    Instant killed = Instant.now();
    cluster.demo("kill", "redis");

    Answer refused = call(http.post("api/tasks", "{\"type\":\"noop\"}"));
    assertEquals(503, refused.status(), refused.toString());
    assertEquals("1", refused.retryAfter());
    assertEquals(503, call(http.get("api/tasks/" + ids.get(0))).status());
    assertEquals("DOWN", call(http.get("api/system/status")).json().getString("status"));
    // Longer than a lease, on purpose: every lease looks expired when Redis returns.
    await().pollDelay(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(7)).until(() -> true);

    cluster.demo("start");
    awaitStatus(ids, "COMPLETED", Duration.ofSeconds(90));
    assertInvariants(ids, "COMPLETED");
    assertFalse(eventTypesSince(killed).stream().anyMatch(e -> e.startsWith("worker.failed")), "no false recovery: " + eventTypesSince(killed));
    ids.forEach(id -> assertFalse(statuses(task(id)).contains("RECOVERING"), "not recovered for nothing: " + id));
  }

  @Test
  void aPoisonTaskFailsWithoutARedeliveryStorm() {
    List<String> ids = submit(3, "{\"type\":\"sleep\",\"data\":{\"steps\":3,\"step_ms\":50,\"fail_probability\":1}}");
    awaitStatus(ids, "FAILED", Duration.ofSeconds(30));
    await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> true);
    for (String id : ids) {
      TaskRecord r = store.find(id).orElseThrow();
      assertEquals("FAILED", r.status().name());
      assertEquals("SimulatedFailure: simulated failure at step 1 of 3", r.error());
      assertEquals(1, r.attempt(), "ran once");
      assertTrue(r.dispatches() <= 1, "sent " + (r.dispatches() + 1) + " times");
    }
    assertInvariants(ids, "FAILED");
  }

  /** A task whose workers keep dying ends DEAD after three deaths instead of killing workers forever. */
  @Test
  void aCrashLoopEndsDeadAfterThreeWorkerDeaths() {
    String id = submit(1, "{\"type\":\"sleep\",\"checkpoint_interval_s\":1,\"data\":{\"steps\":400,\"step_ms\":100}}").get(0);
    Set<String> killed = new HashSet<>();
    for (int death = 1; death <= 3; death++) {
      // Each time on a worker not killed yet (right after a kill the task may still show the dead one).
      await("running on a fresh worker")
          .atMost(Duration.ofSeconds(death == 1 ? 30 : 10))
          .until(() -> {
            JsonObject t = task(id);
            return t.getString("status").equals("RUNNING") && !killed.contains(t.getString("worker_id"));
          });
      String worker = task(id).getString("worker_id");
      killed.add(worker);
      cluster.demo("fail-worker", Integer.toString(number(worker)));
    }
    awaitStatus(List.of(id), "DEAD", Duration.ofSeconds(10));
    JsonObject dead = task(id);
    assertTrue(dead.getString("error").startsWith("its worker died 3 times while running it"), dead.toString());
    assertEquals(3, dead.getInt("attempt"));
    assertInvariants(List.of(id), "DEAD");
  }

  @Test
  void aTypeAWorkerLacksRunsOnlyOnWorkersThatHaveIt() {
    assertFalse(call(http.get("api/workers/worker-3")).json().getJsonArray("types").toString().contains("\"io\""));
    List<String> ids = submit(12, "{\"type\":\"io\",\"data\":{\"size_bytes\":131072,\"chunk_bytes\":16384}}");
    awaitStatus(ids, "COMPLETED", Duration.ofSeconds(60));
    for (String id : ids) {
      JsonObject t = task(id);
      assertFalse(t.getString("worker_id").equals("worker-3"), t.toString());
      assertEquals(1, t.getInt("attempt"));
    }
    assertInvariants(ids, "COMPLETED");
  }

  /** A running task moves by hand: it continues from a checkpoint and ends with the uninterrupted result. */
  @Test
  void aMigratedTaskContinuesAndEndsWithTheUninterruptedResult() {
    String spec = "{\"type\":\"computation\",\"data\":{\"input\":[3,1,4,1,5],\"iterations\":300,\"rounds\":300,\"pace_ms\":20}}";
    String moving = submit(1, spec).get(0);
    String reference = submit(1, spec).get(0);
    await().atMost(Duration.ofSeconds(30)).until(() -> task(moving).getString("status").equals("RUNNING") && task(moving).getInt("progress") >= 10);
    JsonObject before = task(moving);
    String source = before.getString("worker_id");
    String target = source.equals("worker-1") ? "worker-2" : "worker-1";

    assertEquals(422, call(http.post("api/tasks/" + moving + "/migrate", "{\"worker_id\":\"" + source + "\"}")).status());
    assertEquals(422, call(http.post("api/tasks/" + moving + "/migrate", "{\"worker_id\":\"worker-9\"}")).status());
    long t0 = System.nanoTime();
    Answer accepted = call(http.post("api/tasks/" + moving + "/migrate", "{\"worker_id\":\"" + target + "\"}"));
    assertEquals(202, accepted.status(), accepted.toString());
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> task(moving).getString("status").equals("RUNNING") && task(moving).getString("worker_id").equals(target));
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf("MIGRATION %s -> %s: running on the target after %.2f s%n", source, target, seconds);
    assertTrue(task(moving).getInt("progress") >= before.getInt("progress"), "progress continues");

    awaitStatus(List.of(moving, reference), "COMPLETED", Duration.ofSeconds(60));
    assertEquals(task(reference).getJsonObject("result"), task(moving).getJsonObject("result"));
    assertEquals(List.of("CREATED", "ASSIGNED", "RUNNING", "MIGRATING", "RELEASED", "ASSIGNED", "RUNNING", "COMPLETED"), statuses(task(moving)));
    assertEquals(409, call(http.post("api/tasks/" + moving + "/migrate", "")).status(), "a completed task does not migrate");
    assertInvariants(List.of(moving, reference), "COMPLETED");
  }

  /** An overloaded worker's tasks move to the least loaded ones, each at most once. */
  @Test
  void overloadMovesTasksAwayWithoutPingPong() {
    List<String> ids = submit(6, "{\"type\":\"sleep\",\"data\":{\"steps\":40,\"step_ms\":150}}");
    // All started before the overload: a task still queued then could start on the slowed worker and move later.
    await("all six started").atMost(Duration.ofSeconds(30)).until(() -> ids.stream().noneMatch(id -> task(id).isNull("started_at")));
    String busy = busiestWithCheckpoints(ids);
    List<String> onBusy = byWorker(ids).get(busy);

    long t0 = System.nanoTime();
    assertEquals(202, call(http.post("api/workers/" + busy + "/overload", "{\"factor\":4,\"duration_s\":60}")).status());
    double seconds = untilRunningElsewhere(onBusy, busy, t0, Duration.ofSeconds(10));
    System.out.printf("OVERLOAD of %s: %d task(s) moved away after %.2f s%n", busy, onBusy.size(), seconds);
    assertEquals("OVERLOADED", call(http.get("api/workers/" + busy)).json().getString("status"));

    awaitStatus(ids, "COMPLETED", Duration.ofSeconds(90));
    for (String id : ids) {
      long migrations = statuses(task(id)).stream().filter("MIGRATING"::equals).count();
      assertTrue(migrations <= 1, "ping-pong: " + task(id));
      assertEquals(onBusy.contains(id) ? 1 : 0, migrations, task(id).toString());
    }
    assertInvariants(ids, "COMPLETED");
  }

  /**
   * Failures through the API: crash halts the process; hang stops it until /recover; partition cuts its links (a real
   * partition where demo.sh may change the firewall) until /recover.
   */
  @Test
  void simulatedCrashAndHangThroughTheApi() {
    List<String> ids = submit(6, "{\"type\":\"sleep\",\"checkpoint_interval_s\":1,\"data\":{\"steps\":40,\"step_ms\":250}}");
    String crashed = busiestWithCheckpoints(ids);
    List<String> lost = byWorker(ids).get(crashed);
    long t0 = System.nanoTime();
    assertEquals(202, call(http.post("api/workers/" + crashed + "/fail", "{\"mode\":\"crash\"}")).status());
    double crashSeconds = untilRunningElsewhere(lost, crashed, t0, CRASH_BOUND);
    System.out.printf("RECOVERY simulated crash of %s: %.2f s%n", crashed, crashSeconds);
    assertTrue(crashSeconds <= CRASH_BOUND.toSeconds() + 0.5, "recovered after " + crashSeconds + " s");
    assertTrue(
        cluster.run("status").output().lines().anyMatch(l -> l.startsWith(crashed + " ") && l.contains("stopped")), "the process is gone");
    cluster.demo("start");

    await().atMost(Duration.ofSeconds(60)).until(() -> aliveWorkers() == 3);
    List<String> more = submit(6, "{\"type\":\"sleep\",\"checkpoint_interval_s\":1,\"data\":{\"steps\":40,\"step_ms\":250}}");
    String hung = busiestWithCheckpoints(more);
    List<String> frozen = byWorker(more).get(hung);
    long t1 = System.nanoTime();
    assertEquals(202, call(http.post("api/workers/" + hung + "/fail", "{\"mode\":\"hang\"}")).status());
    double hangSeconds = untilRunningElsewhere(frozen, hung, t1, HANG_BOUND);
    System.out.printf("RECOVERY simulated hang of %s: %.2f s%n", hung, hangSeconds);
    assertTrue(hangSeconds <= HANG_BOUND.toSeconds(), "recovered after " + hangSeconds + " s");
    long t2 = System.nanoTime();
    assertEquals(202, call(http.post("api/workers/" + hung + "/recover", "")).status());
    await("the recovered worker rejoins")
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> call(http.get("api/workers/" + hung)).json().getString("status").equals("UP"));
    double rejoinSeconds = (System.nanoTime() - t2) / 1e9;
    System.out.printf("REJOIN of %s after /recover: %.2f s (bound 2 s)%n", hung, rejoinSeconds);
    assertTrue(rejoinSeconds <= 2.0, "rejoined after " + rejoinSeconds + " s");

    if (cluster.run("partition", "--check").exit() == 0) { // the console's partition: a real one, through demo.sh
      List<String> third = submit(6, "{\"type\":\"sleep\",\"checkpoint_interval_s\":1,\"data\":{\"steps\":40,\"step_ms\":250}}");
      String cut = busiestWithCheckpoints(third);
      List<String> cutTasks = byWorker(third).get(cut);
      Http own = ownApi(cut);
      assertEquals(200, own.get("api/worker").status()); // its password checked once, before the cut
      long t3 = System.nanoTime();
      Answer sent = call(http.post("api/workers/" + cut + "/fail", "{\"mode\":\"partition\"}"));
      assertEquals(202, sent.status());
      assertTrue(sent.json().getString("detail").contains("network"), "a real partition: " + sent);
      double cutSeconds = untilRunningElsewhere(cutTasks, cut, t3, HANG_BOUND);
      System.out.printf("RECOVERY network partition of %s through the API: %.2f s%n", cut, cutSeconds);
      assertTrue(cutSeconds <= HANG_BOUND.toSeconds(), "recovered after " + cutSeconds + " s");
      assertEquals(200, own.get("api/worker").status(), "cut off, not frozen: it still answers from outside the cut");
      assertEquals(202, call(http.post("api/workers/" + cut + "/recover", "")).status());
      awaitDropped(own, cutTasks, Duration.ofSeconds(20));
      await("the healed worker rejoins")
          .atMost(Duration.ofSeconds(20))
          .until(() -> call(http.get("api/workers/" + cut)).json().getString("status").equals("UP"));
      awaitStatus(third, "COMPLETED", Duration.ofSeconds(90));
      assertInvariants(third, "COMPLETED");
    }

    assertEquals(422, call(http.post("api/workers/" + hung + "/fail", "{\"mode\":\"explode\"}")).status());
    assertEquals(404, call(http.post("api/workers/worker-99/fail", "")).status());
    List<String> all = new ArrayList<>(ids);
    all.addAll(more);
    awaitStatus(all, "COMPLETED", Duration.ofSeconds(90));
    assertInvariants(all, "COMPLETED");
  }

  // ----------------------------------------------------------------------------------------------
  // The seed's demo scenarios, run as people run them; each ends with its own exactly-once check.

  @Test
  void theDemoScenarioRecoversWorkerOnesTasksAndCompletesEachOnce() {
    String out = scenario("demo-scenario", "time to recover");
    assertTrue(out.contains("completed exactly once: 5 of 5  OK"), out);
    assertTrue(out.contains("tasks recovered: "), out);
  }

  @Test
  void theLoadBalancingScenarioMovesTasksOffTheOverloadedWorker() {
    String out = scenario("demo-load-balancing", "tasks moved");
    assertTrue(out.contains("completed exactly once: 10 of 10  OK"), out);
    assertTrue(out.contains("moved more than once: 0"), out);
  }

  @Test
  void theCascadeScenarioEndsWithEveryTaskCompletedOnce() {
    String out = scenario("demo-cascade", "were down");
    assertTrue(out.contains("completed exactly once: 8 of 8  OK"), out);
  }

  /** Runs a scenario through demo.sh and repeats its summary lines containing {@code highlight}. */
  private static String scenario(String name, String highlight) {
    String out = cluster.demo(name);
    out.lines().filter(l -> l.contains(highlight)).forEach(l -> System.out.println("SCENARIO " + name + ":" + l));
    return out;
  }
}
