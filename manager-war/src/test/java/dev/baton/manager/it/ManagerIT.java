package dev.baton.manager.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.cluster.Heartbeat;
import dev.baton.cluster.TaskTypeInfo;
import dev.baton.cluster.WorkerStatus;
import dev.baton.json.Jsonp;
import dev.baton.task.DispatchOrder;
import dev.baton.messaging.JmsTaskInbox;
import dev.baton.store.Redis;
import dev.baton.store.RedisTaskStore;
import dev.baton.store.RedisWorkerRegistry;
import dev.baton.store.StoreUnavailableException;
import dev.baton.task.NewTask;
import dev.baton.task.TaskQuery;
import dev.baton.task.TaskStatus;
import dev.baton.testing.Http.Answer;
import dev.baton.testing.Http;
import dev.baton.testing.PayaraInfrastructure;
import dev.baton.testing.RedisServer;
import dev.baton.testing.Tasks;
import dev.baton.worker.handlers.ComputationHandler;
import dev.baton.worker.handlers.IoHandler;
import dev.baton.worker.handlers.NetworkHandler;
import dev.baton.worker.handlers.NoopHandler;
import dev.baton.worker.handlers.SleepHandler;
import dev.baton.worker.handlers.TaskHandler;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The packaged manager WAR on a real Payara Micro, against a real Redis and a real Artemis broker. This
 * test plays the workers' part itself: it advertises the real handlers' task types and reads the task
 * messages the manager sends from the broker.
 */
@ExtendWith({PayaraInfrastructure.class, ArquillianExtension.class})
@PayaraInfrastructure.Options("-Dbaton.dispatch.timeout-s=300")
class ManagerIT {
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
  private static final List<TaskHandler> HANDLERS =
      List.of(new ComputationHandler(), new IoHandler(), new NetworkHandler(), new NoopHandler(), new SleepHandler());

  private static Redis redis;
  private static RedisTaskStore store;
  private static RedisWorkerRegistry registry;
  private static JmsTaskInbox broker;

  @ArquillianResource URL base;
  private Http api;

  @Deployment(testable = false)
  static WebArchive manager() {
    return ShrinkWrap.create(ZipImporter.class, "ROOT.war").importFrom(new File("target/baton-manager.war")).as(WebArchive.class);
  }

  @BeforeAll
  static void actAsAWorker() {
    redis = new Redis(URI.create(PayaraInfrastructure.redis().url()), "baton:", 100_000, 4);
    store = new RedisTaskStore(redis);
    registry = new RedisWorkerRegistry(redis);
    registry.advertise(HANDLERS.stream().map(h -> new TaskTypeInfo(h.type(), h.descriptor().toJson())).toList());
    broker = new JmsTaskInbox(PayaraInfrastructure.brokerUrl(), "it-reader", 0);
  }

  @AfterAll
  static void close() {
    broker.close();
    redis.close();
  }

  @BeforeEach
  void client() {
    api = new Http(PayaraInfrastructure.loopback(base).resolve("/")).basic("admin", PayaraInfrastructure.ADMIN_PASSWORD);
  }

  private static long storedTasks() {
    return store.list(new TaskQuery(Set.of(), null, null, 0, 1)).total();
  }

  /** Reads task messages from the broker until one carrying {@code taskId} arrives (with others, ADR 0055). */
  private static DispatchOrder awaitMessageFor(String taskId) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      var d = broker.receive(Duration.ofMillis(500));
      if (d.isPresent()) {
        broker.acknowledge();
        for (DispatchOrder o : d.get().orders()) {
          if (o.taskId().equals(taskId)) {
            return o;
          }
        }
      }
    }
    throw new AssertionError("no message for " + taskId + " reached the broker");
  }

  private static void assertProblem(Answer a, int status, String field) {
    assertEquals(status, a.status(), a.toString());
    assertTrue(a.contentType().startsWith("application/problem+json"), a.toString());
    JsonObject p = a.json();
    assertEquals(status, p.getInt("status"));
    assertNotNull(p.getString("title"));
    assertFalse(a.body().contains("Exception:") || a.body().contains("\tat "), "no stack trace: " + a);
    if (field != null) {
      assertTrue(
          p.getJsonArray("errors").stream().anyMatch(e -> e.asJsonObject().getString("field").equals(field)), field + " named in " + a);
    }
  }

  @Test
  void theSeedsCurlExampleCreatesATaskWithTheSeedsShape() {
    Answer a = api.post("api/tasks", SEED);

    assertEquals(201, a.status(), a.toString());
    JsonObject task = a.json();
    assertEquals(
        List.of("id", "type", "status", "priority", "data", "progress", "progress_message", "worker_id"),
        new ArrayList<>(task.keySet()).subList(0, 8));
    assertEquals("computation", task.getString("type"));
    assertEquals("CREATED", task.getString("status"));
    assertEquals(5, task.getInt("priority"));
    assertEquals(100, task.getJsonObject("data").getInt("iterations"));
    assertEquals("[1,2,3,4,5]", task.getJsonObject("data").getJsonArray("input").toString());
    assertEquals(0, task.getInt("progress"));
    assertTrue(task.isNull("worker_id"));
    Instant created = Instant.parse(task.getString("created_at"));
    assertEquals(created, Instant.parse(task.getString("updated_at")));
    assertTrue(a.location().endsWith("/api/tasks/" + task.getString("id")), a.location());

    DispatchOrder message = awaitMessageFor(task.getString("id"));
    assertEquals(0, message.epoch());
    assertEquals(5, message.priority());
  }

  @Test
  void aTaskCanBeLookedUpWithItsHistory() {
    String id = api.post("api/tasks", "{\"type\":\"noop\"}").json().getString("id");

    Answer a = api.get("api/tasks/" + id);

    assertEquals(200, a.status());
    JsonObject task = a.json();
    assertEquals(id, task.getString("id"));
    assertEquals(4, task.getInt("priority"), "default priority");
    assertEquals("{}", task.getJsonObject("data").toString());
    JsonArray history = task.getJsonArray("history");
    assertEquals("CREATED", history.getJsonObject(0).getString("to"));
    assertTrue(task.isNull("checkpoint_data") && task.isNull("last_checkpoint_at") && task.isNull("result"));
    assertEquals(0, task.getInt("attempt"));
    assertEquals(0, task.getInt("epoch"));
  }

  @Test
  void aDelayedTaskWithRetriesShowsItsPolicyAndWaitsScheduled() {
    String runAt = Instant.now().plusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString();
    Answer a =
        api.post(
            "api/tasks",
            "{\"type\":\"noop\",\"run_at\":\"" + runAt + "\",\"max_retries\":3,\"retry_backoff\":\"fixed\",\"retry_delay_ms\":250}");

    assertEquals(201, a.status(), a.toString());
    JsonObject t = api.get("api/tasks/" + a.json().getString("id")).json();
    assertEquals("SCHEDULED", t.getString("status"));
    assertEquals(runAt, t.getString("run_at"));
    assertEquals(3, t.getInt("max_retries"));
    assertEquals(0, t.getInt("retries"));
    assertEquals("fixed", t.getString("retry_backoff"));
    assertEquals(250, t.getInt("retry_delay_ms"));
    assertTrue(t.isNull("next_attempt_at"));
    assertTrue(
        api.get("api/tasks?status=SCHEDULED").json().getJsonArray("tasks").stream()
            .anyMatch(x -> x.asJsonObject().getString("id").equals(t.getString("id"))),
        "listed as SCHEDULED");
    Answer past = api.post("api/tasks", "{\"type\":\"noop\",\"run_at\":\"2020-01-01T00:00:00+02:00\"}");
    assertEquals("CREATED", past.json().getString("status"), "a time already past runs now");
  }

  @Test
  void schedulesAreCreatedListedChangedPausedTriggeredAndDeleted() {
    String body = "{\"name\":\"it-nightly\",\"cron\":\"0 3 * * *\",\"time_zone\":\"Europe/Berlin\",\"task\":{\"type\":\"noop\",\"priority\":6}}";
    Answer created = api.post("api/schedules", body);
    assertEquals(201, created.status(), created.toString());
    JsonObject s = created.json();
    assertEquals("skip", s.getString("overlap"));
    assertFalse(s.getBoolean("paused"));
    Instant next = Instant.parse(s.getString("next_fire_at"));
    assertEquals(3, next.atZone(java.time.ZoneId.of("Europe/Berlin")).getHour(), "03:00 in Berlin");
    assertEquals(409, api.post("api/schedules", body).status());
    assertTrue(api.get("api/schedules").json().getJsonArray("schedules").stream().anyMatch(x -> x.asJsonObject().getString("name").equals("it-nightly")));

    Answer changed = api.method("PUT", "api/schedules/it-nightly", "{\"cron\":\"*/10 * * * *\",\"task\":{\"type\":\"noop\"},\"overlap\":\"allow\"}");
    assertEquals(200, changed.status(), changed.toString());
    assertEquals("*/10 * * * *", changed.json().getString("cron"));
    assertEquals("UTC", changed.json().getString("time_zone"), "the default zone");
    assertTrue(api.post("api/schedules/it-nightly/pause", "").json().getBoolean("paused"));
    assertTrue(api.get("api/schedules/it-nightly").json().isNull("next_fire_at"), "no tick while paused");
    assertFalse(api.post("api/schedules/it-nightly/resume", "").json().isNull("next_fire_at"));

    Answer triggered = api.post("api/schedules/it-nightly/trigger", "");
    assertEquals(202, triggered.status(), triggered.toString());
    String taskId = triggered.json().getString("task_id");
    assertEquals(200, api.get("api/tasks/" + taskId).status(), "the task exists");
    assertEquals(taskId, api.get("api/schedules/it-nightly").json().getString("last_task_id"));

    assertEquals(204, api.method("DELETE", "api/schedules/it-nightly").status());
    assertProblem(api.get("api/schedules/it-nightly"), 404, null);
    assertEquals(200, api.get("api/tasks/" + taskId).status(), "its tasks stay");
  }

  @Test
  void badSchedulesAreRefusedNamingTheField() {
    assertProblem(api.post("api/schedules", "{\"name\":\"x\",\"cron\":\"every day\",\"task\":{\"type\":\"noop\"}}"), 422, "cron");
    assertProblem(api.post("api/schedules", "{\"name\":\"x\",\"cron\":\"* * * * *\",\"time_zone\":\"Mars/Olympus\",\"task\":{\"type\":\"noop\"}}"), 422, "time_zone");
    assertProblem(api.post("api/schedules", "{\"name\":\"x\",\"cron\":\"* * * * *\",\"task\":{\"type\":\"teleport\"}}"), 422, "task.type");
    assertProblem(api.post("api/schedules", "{\"name\":\"x\",\"cron\":\"* * * * *\",\"task\":{\"type\":\"noop\",\"countdown_s\":5}}"), 422, "task.countdown_s");
    assertProblem(api.post("api/schedules", "{\"name\":\"x\",\"cron\":\"* * * * *\"}"), 422, "task");
    assertProblem(api.post("api/schedules", "{\"name\":\"x y\",\"cron\":\"* * * * *\",\"task\":{\"type\":\"noop\"}}"), 422, "name");
    assertProblem(api.post("api/schedules", "{\"name\":\"x\",\"cron\":\"* * * * *\",\"overlap\":\"queue\",\"task\":{\"type\":\"noop\"}}"), 422, "overlap");
    assertProblem(api.post("api/schedules/nope/trigger", ""), 404, null);
    assertEquals(404, api.get("api/schedules/x").status(), "nothing stored");
  }

  /** A task this test, playing the worker, ran to COMPLETED. */
  private String completedTask() {
    String id = api.post("api/tasks", "{\"type\":\"noop\"}").json().getString("id");
    store.finish(id, store.claim(id, "it-worker", 0).claim().epoch(), TaskStatus.COMPLETED, "{}", "it-worker");
    return id;
  }

  private String cancelledTask() {
    String id = api.post("api/tasks", "{\"type\":\"noop\"}").json().getString("id");
    assertEquals(202, api.post("api/tasks/" + id + "/cancel", "").status());
    return id;
  }

  @Test
  void aFinishedTaskCanBeDeletedAndAnUnfinishedOneCannot() {
    String done = completedTask();
    String queued = api.post("api/tasks", "{\"type\":\"noop\"}").json().getString("id");

    assertEquals(204, api.method("DELETE", "api/tasks/" + done).status());
    assertProblem(api.get("api/tasks/" + done), 404, null);
    assertProblem(api.method("DELETE", "api/tasks/" + done), 404, null);
    Answer refused = api.method("DELETE", "api/tasks/" + queued);
    assertProblem(refused, 409, null);
    assertTrue(refused.body().contains("CREATED"), refused.toString());
    assertEquals(TaskStatus.CREATED, store.find(queued).orElseThrow().status(), "kept");
    assertTrue(store.list(new TaskQuery(Set.of(TaskStatus.COMPLETED), null, null, 0, 1000)).items().stream().noneMatch(t -> t.id().equals(done)));
  }

  @Test
  void aPurgeDeletesTheFinishedTasksOfAStatusAndAge() {
    api.post("api/tasks/purge", "{\"status\":\"CANCELLED\"}"); // what earlier tests left
    List<String> cancelled = List.of(cancelledTask(), cancelledTask(), cancelledTask());
    String done = completedTask();
    String queued = api.post("api/tasks", "{\"type\":\"noop\"}").json().getString("id");

    Answer young = api.post("api/tasks/purge", "{\"status\":\"CANCELLED\",\"older_than_s\":3600}");
    assertEquals(200, young.status(), young.toString());
    assertEquals(0, young.json().getInt("deleted"), "none finished an hour ago");
    Answer purged = api.post("api/tasks/purge", "{\"status\":\"cancelled\",\"older_than_s\":0}");

    assertEquals(3, purged.json().getInt("deleted"), purged.toString());
    cancelled.forEach(id -> assertTrue(store.find(id).isEmpty(), id));
    assertEquals(TaskStatus.COMPLETED, store.find(done).orElseThrow().status());
    assertEquals(TaskStatus.CREATED, store.find(queued).orElseThrow().status());
  }

  @Test
  void badPurgesAreRefusedAndDeleteNothing() {
    String done = completedTask();
    long before = storedTasks();

    assertProblem(api.post("api/tasks/purge", "{\"status\":\"RUNNING\"}"), 422, "status");
    assertProblem(api.post("api/tasks/purge", "{\"status\":\"FINISHED\"}"), 422, "status");
    assertProblem(api.post("api/tasks/purge", "{\"status\":7}"), 422, "status");
    assertProblem(api.post("api/tasks/purge", "{\"older_than_s\":-1}"), 422, "older_than_s");
    assertProblem(api.post("api/tasks/purge", "{\"older_than_s\":1.5}"), 422, "older_than_s");
    assertProblem(api.post("api/tasks/purge", "{\"older_than_s\":\"1h\"}"), 422, "older_than_s");
    assertProblem(api.post("api/tasks/purge", "{\"older_than_s\":1e40}"), 422, "older_than_s");
    assertProblem(api.post("api/tasks/purge", "{\"age\":5}"), 422, "age");
    // a null or empty field names nothing: never "every finished task"
    assertProblem(api.post("api/tasks/purge", "{\"status\":null}"), 422, "status");
    assertProblem(api.post("api/tasks/purge", "{\"older_than_s\":null}"), 422, "status");
    assertProblem(api.post("api/tasks/purge", "{\"status\":\"\"}"), 422, "status");
    assertProblem(api.post("api/tasks/purge", "[]"), 422, "body");
    assertProblem(api.post("api/tasks/purge", ""), 422, "status");
    assertProblem(api.post("api/tasks/purge", "{"), 400, null);

    assertEquals(before, storedTasks(), "nothing deleted by a refused purge");
    assertTrue(store.find(done).isPresent());
  }

  @Test
  void aBatchWithRefsIsAGraphRefusedWholeIfItHasACycleOrAnUnknownParent() {
    long before = storedTasks();
    String noop = "{\"type\":\"noop\",\"ref\":\"%s\",\"depends_on\":%s}";
    assertProblem(api.post("api/tasks/batch", "{\"tasks\":[" + noop.formatted("a", "\"b\"") + "," + noop.formatted("b", "[\"c\"]") + ","
        + noop.formatted("c", "\"a\"") + "]}"), 422, "tasks[0].depends_on");
    Answer selfish = api.post("api/tasks/batch", "{\"tasks\":[" + noop.formatted("a", "\"a\"") + "]}");
    assertProblem(selfish, 422, "tasks[0].depends_on");
    assertTrue(selfish.body().contains("cycle"), selfish.toString());
    assertProblem(api.post("api/tasks/batch", "{\"tasks\":[" + noop.formatted("a", "null") + "," + noop.formatted("b", "\"nope\"") + "]}"), 422,
        "tasks[1].depends_on");
    assertProblem(api.post("api/tasks/batch", "{\"tasks\":[" + noop.formatted("a", "null") + "," + noop.formatted("a", "null") + "]}"), 422,
        "tasks[1].ref");
    assertProblem(api.post("api/tasks", "{\"type\":\"noop\",\"depends_on\":[]}"), 422, "depends_on");
    assertProblem(api.post("api/tasks", "{\"type\":\"noop\",\"depends_on\":7}"), 422, "depends_on");
    assertProblem(api.post("api/tasks", "{\"type\":\"noop\",\"depends_on\":[\"a b\"]}"), 422, "depends_on");
    assertProblem(api.post("api/tasks", "{\"type\":\"noop\",\"depends_on\":\"" + java.util.UUID.randomUUID() + "\"}"), 422, "depends_on");
    assertProblem(api.post("api/tasks", "{\"type\":\"noop\",\"ref\":\"x\"}"), 422, "ref");
    assertEquals(before, storedTasks(), "nothing stored for refused requests");

    // fan-out and fan-in, listed child first: created parents first all the same
    Answer a =
        api.post("api/tasks/batch", "{\"tasks\":[" + noop.formatted("join", "[\"left\",\"right\"]") + "," + noop.formatted("left", "\"root\"")
            + "," + noop.formatted("right", "\"root\"") + "," + noop.formatted("root", "null") + "]}");
    assertEquals(201, a.status(), a.toString());
    List<JsonObject> t = a.json().getJsonArray("tasks").stream().map(v -> v.asJsonObject()).toList();
    assertEquals(List.of("WAITING", "WAITING", "WAITING", "CREATED"), t.stream().map(x -> x.getString("status")).toList());
    String join = t.get(0).getString("id"), left = t.get(1).getString("id"), right = t.get(2).getString("id"), root = t.get(3).getString("id");
    assertEquals(List.of(left, right), t.get(0).getJsonArray("depends_on").getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList());
    assertEquals(2, t.get(0).getInt("parents_left"));
    JsonObject graph = api.get("api/tasks/" + left + "/graph").json();
    assertEquals(Set.of(join, left, right, root), graph.getJsonArray("nodes").stream().map(n -> n.asJsonObject().getString("id")).collect(Collectors.toSet()));
    assertEquals(
        Set.of(root + ">" + left, root + ">" + right, left + ">" + join, right + ">" + join),
        graph.getJsonArray("edges").stream().map(e -> e.asJsonObject().getString("from") + ">" + e.asJsonObject().getString("to")).collect(Collectors.toSet()));
    assertProblem(api.get("api/tasks/no-such-task/graph"), 404, null);

    store.finish(root, store.claim(root, "it-worker", 0).claim().epoch(), TaskStatus.COMPLETED, "{\"run_id\":7}", "it-worker");
    JsonObject released = api.get("api/tasks/" + left).json();
    assertEquals("CREATED", released.getString("status"));
    assertEquals(7, released.getJsonObject("parent_results").getJsonObject(root).getInt("run_id"));
    assertEquals(left, awaitMessageFor(left).taskId(), "sent to the broker at once");
    Answer late = api.post("api/tasks", "{\"type\":\"noop\",\"depends_on\":\"" + root + "\"}");
    assertEquals("CREATED", late.json().getString("status"), "its parent has completed already: it runs");
  }

  @Test
  void aRepeatedSubmitWithAnIdempotencyKeyAnswersTheFirstTaskAndAnotherRequestIsAConflict() throws Exception {
    String key = "order-" + java.util.UUID.randomUUID();
    String body = "{\"type\":\"noop\",\"label\":\"Mistral 24B - Dataset 5\"}";
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    java.util.function.Function<String, HttpResponse<String>> post =
        json -> {
          try {
            return client.send(
                HttpRequest.newBuilder(PayaraInfrastructure.loopback(base).resolve("/api/tasks"))
                    .header("Authorization", PayaraInfrastructure.adminAuthorization())
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", key)
                    .POST(HttpRequest.BodyPublishers.ofString(json))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        };

    HttpResponse<String> first = post.apply(body);
    long stored = storedTasks();
    HttpResponse<String> again = post.apply(body);
    HttpResponse<String> other = post.apply("{\"type\":\"noop\",\"priority\":9}");

    assertEquals(201, first.statusCode(), first.body());
    assertEquals(200, again.statusCode(), again.body());
    String id = Jsonp.parseObject(first.body()).getString("id");
    assertEquals(id, Jsonp.parseObject(again.body()).getString("id"));
    assertEquals(409, other.statusCode(), other.body());
    assertTrue(other.body().contains(id), other.body());
    assertEquals(stored, storedTasks(), "neither the repeat nor the conflict stored anything");
    Answer inBody = api.post("api/tasks", "{\"type\":\"noop\",\"label\":\"Mistral 24B - Dataset 5\",\"idempotency_key\":\"" + key + "\"}");
    assertEquals(200, inBody.status(), "the body's key is the same key");

    assertProblem(api.post("api/tasks", "{\"type\":\"noop\",\"label\":\"\"}"), 422, "label");
    assertProblem(api.post("api/tasks", "{\"type\":\"noop\",\"idempotency_key\":7}"), 422, "idempotency_key");
    assertProblem(
        api.post("api/tasks/batch", "{\"tasks\":[{\"type\":\"noop\",\"idempotency_key\":\"k\"},{\"type\":\"noop\",\"idempotency_key\":\"k\"}]}"),
        422, "tasks[1].idempotency_key");

    JsonObject found = api.get("api/tasks?q=" + java.net.URLEncoder.encode("mistral data", StandardCharsets.UTF_8)).json();
    assertTrue(found.getJsonArray("tasks").stream().anyMatch(t -> t.asJsonObject().getString("id").equals(id)), found.toString());
    assertEquals("Mistral 24B - Dataset 5", api.get("api/tasks/" + id).json().getString("label"));
    assertEquals(0, api.get("api/tasks?q=nomatchword").json().getInt("total"));
  }

  @Test
  void unknownTasksAndWorkersAre404() {
    assertProblem(api.get("api/tasks/no-such-task"), 404, null);
    assertProblem(api.get("api/workers/no-such-worker"), 404, null);
    assertProblem(api.get("api/no-such-resource"), 404, null);
    assertProblem(api.method("DELETE", "api/system/status"), 405, null);
  }

  @Test
  void listsTasksNewestFirstWithFiltersAndPaging() {
    String type = "sleep";
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(0, api.post("api/tasks", "{\"type\":\"" + type + "\",\"priority\":" + i + ",\"data\":{\"steps\":1}}").json().getString("id"));
    }

    JsonObject page = api.get("api/tasks?type=sleep&status=created&limit=3").json();
    assertTrue(page.getInt("total") >= 5);
    assertEquals(3, page.getInt("limit"));
    List<String> listed = page.getJsonArray("tasks").stream().map(t -> t.asJsonObject().getString("id")).toList();
    assertEquals(ids.subList(0, 3), listed, "newest first");
    JsonObject next = api.get("api/tasks?type=sleep&status=CREATED&limit=3&offset=3").json();
    assertEquals(ids.get(3), next.getJsonArray("tasks").getJsonObject(0).getString("id"));

    assertEquals(0, api.get("api/tasks?worker=nobody").json().getInt("total"));
    assertProblem(api.get("api/tasks?status=SLEEPING"), 422, "status");
    assertProblem(api.get("api/tasks?limit=abc"), 422, "limit");
    assertProblem(api.get("api/tasks?limit=5000"), 422, "limit");
    assertProblem(api.get("api/tasks?offset=-1"), 422, "offset");
  }

  @Test
  void listsSortByPriorityAndProgressAndFindTasksByTheStartOfTheirId() {
    List<String> ids = new ArrayList<>();
    for (int p : new int[] {3, 9, 0, 9}) {
      ids.add(api.post("api/tasks", "{\"type\":\"sleep\",\"priority\":" + p + ",\"data\":{\"steps\":1}}").json().getString("id"));
    }
    String prefix = ids.get(1).substring(0, 8);

    JsonObject byId = api.get("api/tasks?q=" + prefix.toUpperCase()).json();
    assertEquals(ids.get(1), byId.getJsonArray("tasks").getJsonObject(0).getString("id"));
    JsonArray dispatchOrder = api.get("api/tasks?type=sleep&sort=priority&limit=2").json().getJsonArray("tasks");
    assertEquals(9, dispatchOrder.getJsonObject(0).getInt("priority"));
    assertTrue(
        dispatchOrder.getJsonObject(0).getString("created_at").compareTo(dispatchOrder.getJsonObject(1).getString("created_at")) <= 0,
        "within a priority, oldest first (the broker's order)");
    assertEquals(0, api.get("api/tasks?type=sleep&sort=priority&order=asc&limit=1").json().getJsonArray("tasks").getJsonObject(0).getInt("priority"));
    assertEquals(200, api.get("api/tasks?sort=progress&order=desc").status());

    assertProblem(api.get("api/tasks?sort=size"), 422, "sort");
    assertProblem(api.get("api/tasks?order=up"), 422, "order");
    assertProblem(api.get("api/tasks?q=" + "x".repeat(101)), 422, "q");
    assertProblem(api.get("api/tasks?q=a%07b"), 422, "q");
  }

  @Test
  void theConsoleIsServedAndTheRootLeadsThere() throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    URI root = PayaraInfrastructure.loopback(base).resolve("/");
    // the root is no open path (deny by default): the login first, then the console
    HttpResponse<String> first = client.send(HttpRequest.newBuilder(root).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(302, first.statusCode());
    assertTrue(first.headers().firstValue("Location").orElse("").endsWith("/login.xhtml?next=%2F"), first.headers().toString());
    HttpResponse<String> redirect =
        client.send(
            HttpRequest.newBuilder(root).header("Authorization", PayaraInfrastructure.adminAuthorization()).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(302, redirect.statusCode());
    assertTrue(redirect.headers().firstValue("Location").orElse("").endsWith("/console/"), redirect.headers().toString());

    // without a login a page leads to the login form, which names where to go back to
    HttpResponse<String> anonymous =
        client.send(HttpRequest.newBuilder(root.resolve("console/tasks.xhtml?status=FAILED")).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(302, anonymous.statusCode());
    assertTrue(
        anonymous.headers().firstValue("Location").orElse("").endsWith("/login.xhtml?next=%2Fconsole%2Ftasks.xhtml%3Fstatus%3DFAILED"),
        anonymous.headers().toString());
    HttpResponse<String> login = client.send(HttpRequest.newBuilder(root.resolve("login.xhtml")).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, login.statusCode());
    assertTrue(login.body().contains("current-password"), "the login form");

    for (String page : List.of("console/", "console/tasks.xhtml", "console/workers.xhtml", "console/events.xhtml", "console/charts.xhtml",
        "console/create.xhtml", "console/scenarios.xhtml", "console/task.xhtml?id=nope")) {
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(root.resolve(page)).header("Authorization", PayaraInfrastructure.adminAuthorization()).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), page);
      assertTrue(r.body().contains("f:websocket") || r.body().contains("jakarta.faces.push"), page + " follows the live channel");
      assertFalse(r.body().contains("Caused by:") || r.body().contains("\tat "), page + " shows no stack trace");
    }
    HttpResponse<String> missing =
        client.send(
            HttpRequest.newBuilder(root.resolve("console/task.xhtml?id=nope")).header("Authorization", PayaraInfrastructure.adminAuthorization()).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertTrue(missing.body().contains("There is no task with the id nope"), "an unknown task is said in words");
  }

  @Test
  void scenariosAreListedAndRefusedWithoutThreeLiveWorkers() {
    JsonObject list = api.get("api/scenarios").json();
    assertEquals(
        List.of("demo-scenario", "demo-load-balancing", "demo-cascade", "demo-workflow"),
        list.getJsonArray("scenarios").stream().map(s -> s.asJsonObject().getString("name")).toList());
    assertFalse(list.getBoolean("restarts_workers"), "this manager was not started by demo.sh");
    assertProblem(api.post("api/scenarios/no-such/runs", ""), 404, null);
    assertProblem(api.post("api/scenarios/demo-scenario/runs", ""), 409, null);
    assertProblem(api.get("api/scenarios/runs/nope"), 404, null);
    assertProblem(api.post("api/workers/worker-1/restart", ""), 409, null);
  }

  @Test
  void aBatchOfAThousandIsAcceptedWhole() {
    String batch =
        IntStream.range(0, 1000).mapToObj(i -> "{\"type\":\"noop\",\"priority\":" + (i % 10) + "}").collect(Collectors.joining(",", "{\"tasks\":[", "]}"));
    long before = storedTasks();

    Answer a = api.post("api/tasks/batch", batch);

    assertEquals(201, a.status(), a.toString());
    assertEquals(1000, a.json().getInt("count"));
    assertEquals(1000, a.json().getJsonArray("tasks").size());
    assertEquals(before + 1000, storedTasks());
  }

  @Test
  void aBatchIsRefusedWholeIfOneTaskIsWrong() {
    long before = storedTasks();
    String batch = "[{\"type\":\"noop\"},{\"type\":\"noop\"},{\"type\":\"noop\"},{\"type\":\"noop\",\"priority\":12}]";

    assertProblem(api.post("api/tasks/batch", batch), 422, "[3].priority");
    assertProblem(api.post("api/tasks/batch", "{\"tasks\":[{\"type\":\"noop\"},{\"type\":\"nope\"}]}"), 422, "tasks[1].type");
    String tooMany = IntStream.range(0, 1001).mapToObj(i -> "{\"type\":\"noop\"}").collect(Collectors.joining(",", "{\"tasks\":[", "]}"));
    assertProblem(api.post("api/tasks/batch", tooMany), 413, "tasks");
    assertProblem(api.post("api/tasks/batch", "{\"tasks\":[]}"), 422, "tasks");
    assertProblem(api.post("api/tasks/batch", "{\"task\":[]}"), 422, "tasks");
    assertEquals(before, storedTasks(), "nothing of a refused batch is stored");
  }

  @Test
  void jsonNestedDeeperThanTheParserAllowsIsA400Everywhere() {
    long before = storedTasks();
    String deep = "[".repeat(5_000) + "]".repeat(5_000);
    String deepInside = "{\"type\":\"noop\",\"data\":{\"x\":" + deep + "}}";
    for (String path : List.of("api/tasks", "api/tasks/batch", "api/tasks/retry", "api/queue/add", "api/schedules", "api/webhooks")) {
      assertProblem(api.post(path, deep), 400, null);
    }
    // endpoints whose bodies are at most 4 KiB: 1,500 deep is 3,000 bytes (the parser stops at 1,000)
    String deepButSmall = "[".repeat(1_500) + "]".repeat(1_500);
    for (String path : List.of("api/tasks/purge", "api/workers/worker-1/fail", "api/tasks/no-such-task/migrate")) {
      assertProblem(api.post(path, deepButSmall), 400, null);
    }
    assertProblem(api.method("PUT", "api/queues/default", deepButSmall), 400, null);
    assertProblem(api.post("api/tasks", deepInside), 400, null);
    assertEquals(before, storedTasks(), "nothing of a refused body is stored");
  }

  @Test
  void badInputIsRefusedWithAProblemNamingTheField() {
    long before = storedTasks();

    assertProblem(api.post("api/tasks", "{\"type\": \"computation\", "), 400, null);
    assertProblem(api.post("api/tasks", ""), 400, null);
    assertProblem(api.post("api/tasks", "[1,2]"), 422, "body");
    assertProblem(api.post("api/tasks", "{\"priority\":5}"), 422, "type");
    Answer unknown = api.post("api/tasks", "{\"type\":\"teleport\"}");
    assertProblem(unknown, 422, "type");
    assertTrue(unknown.body().contains("computation, io, network, noop, sleep"), unknown.body());
    assertProblem(api.post("api/tasks", "{\"type\":\"noop\",\"priority\":10}"), 422, "priority");
    assertProblem(api.post("api/tasks", "{\"type\":\"noop\",\"priority\":-1}"), 422, "priority");
    assertProblem(api.post("api/tasks", "{\"type\":\"noop\",\"priority\":\"high\"}"), 422, "priority");
    assertProblem(api.post("api/tasks", "{\"type\":\"noop\",\"colour\":\"red\"}"), 422, "colour");
    assertProblem(api.post("api/tasks", "{\"type\":\"noop\",\"data\":[1]}"), 422, "data");
    assertProblem(api.post("api/tasks", "{\"type\":\"computation\",\"data\":{\"input\":[1],\"iterations\":-1}}"), 422, "data.iterations");
    assertProblem(api.post("api/tasks", "{\"type\":\"computation\",\"data\":{}}"), 422, "data.input");
    assertProblem(api.post("api/tasks", "{\"type\":\"noop\",\"checkpoint_interval_s\":0}"), 422, "checkpoint_interval_s");
    assertProblem(api.post("api/tasks", "{\"type\":\"noop\",\"max_retries\":101}"), 422, "max_retries");
    assertProblem(api.post("api/tasks", "{\"type\":\"noop\",\"max_retries\":-1}"), 422, "max_retries");
    assertProblem(api.post("api/tasks", "{\"type\":\"noop\",\"retry_backoff\":\"linear\"}"), 422, "retry_backoff");
    assertProblem(api.post("api/tasks", "{\"type\":\"noop\",\"retry_delay_ms\":-5}"), 422, "retry_delay_ms");
    assertProblem(api.post("api/tasks", "{\"type\":\"noop\",\"retry_delay_ms\":5000,\"retry_max_delay_ms\":10}"), 422, "retry_max_delay_ms");
    assertProblem(api.post("api/tasks", "{\"type\":\"noop\",\"countdown_s\":-1}"), 422, "countdown_s");
    assertProblem(api.post("api/tasks", "{\"type\":\"noop\",\"run_at\":\"tomorrow\"}"), 422, "run_at");
    assertProblem(api.post("api/tasks", "{\"type\":\"noop\",\"run_at\":\"2026-12-24T18:00:00\"}"), 422, "run_at");
    assertProblem(api.post("api/tasks", "{\"type\":\"noop\",\"countdown_s\":5,\"run_at\":\"2099-01-01T00:00:00Z\"}"), 422, "run_at");
    assertProblem(api.post("api/tasks", "{\"type\":\"noop\",\"time_limit_s\":0}"), 422, "time_limit_s");
    assertProblem(api.post("api/tasks", "{\"type\":\"noop\",\"time_limit_s\":5,\"soft_time_limit_s\":5}"), 422, "soft_time_limit_s");
    assertProblem(api.post("api/tasks", "{\"type\":\"noop\",\"expires_at\":\"2020-01-01T00:00:00Z\"}"), 422, "expires_at");
    assertProblem(api.post("api/tasks", "{\"type\":\"noop\",\"expires_at\":12}"), 422, "expires_at");
    assertProblem(api.post("api/tasks/no-such-task/cancel", ""), 404, null);
    assertProblem(api.post("api/tasks/no-such-task/retry", ""), 404, null);
    assertProblem(api.post("api/tasks/retry", "{\"status\":\"FAILED\",\"ids\":[]}"), 422, "status");
    assertProblem(api.post("api/tasks/retry", "{\"ids\":[1,2]}"), 422, "ids");
    assertProblem(api.get("api/tasks?status=FAILED,NOPE"), 422, "status");
    String big = "x".repeat(1 << 20);
    assertProblem(api.post("api/tasks", "{\"type\":\"computation\",\"data\":{\"input\":[1],\"note\":\"" + big + "\"}}"), 413, "data");
    assertProblem(api.post("api/tasks", ("{\"type\":\"noop\",\"data\":{\"pad\":\"" + big + big + "\"}}").getBytes(StandardCharsets.UTF_8), "application/json"), 413, "body");

    assertEquals(before, storedTasks(), "nothing stored for refused requests");
  }

  @Test
  void aTaskAcceptedWhileTheBrokerIsDownIsSentWhenItReturns() throws Exception {
    PayaraInfrastructure.stopBroker();
    String id;
    try {
      await().atMost(Duration.ofSeconds(20)).until(() -> "DOWN".equals(components().getJsonObject("broker").getString("status")));
      Answer a = api.post("api/tasks", "{\"type\":\"noop\",\"priority\":9}");
      assertEquals(201, a.status(), a.toString());
      id = a.json().getString("id");
      assertEquals(TaskStatus.CREATED, store.find(id).orElseThrow().status());
    } finally {
      PayaraInfrastructure.startBroker();
    }

    assertEquals(id, awaitMessageFor(id).taskId());
    await().atMost(Duration.ofSeconds(20)).until(() -> "UP".equals(components().getJsonObject("broker").getString("status")));
  }

  /** A manager that died between storing a task and sending it: the due scan of a live manager sends it. */
  @Test
  void theResendLoopSendsATaskThatWasNeverSent() {
    NewTask orphan = Tasks.aTask().type("noop").data("{}").build();
    store.create(List.of(orphan), Duration.ZERO);

    DispatchOrder message = awaitMessageFor(orphan.id());
    assertEquals(1, message.dispatch());
  }

  @Test
  void workersAreListedWithSlotsLoadAndHeartbeat() {
    registry.heartbeat(
        new Heartbeat("worker-it-9", "inc-1", WorkerStatus.UP, 1.0, 4, 1, "host", 42, "http://127.0.0.1:1", List.of("noop"), List.of()), Duration.ofSeconds(30), 3);

    JsonObject all = api.get("api/workers").json();
    assertTrue(all.getJsonArray("workers").stream().anyMatch(w -> w.asJsonObject().getString("id").equals("worker-it-9")));
    JsonObject w = api.get("api/workers/worker-it-9").json();
    assertEquals("UP", w.getString("status"));
    assertTrue(w.getBoolean("alive"));
    assertEquals(4, w.getInt("slots"));
    assertEquals(1, w.getInt("running"));
    assertEquals(0.25, w.getJsonNumber("load").doubleValue());
    assertNotNull(w.getString("last_heartbeat"));
    assertEquals("[\"noop\"]", w.getJsonArray("types").toString());
  }

  private JsonObject components() {
    return api.get("api/system/status").json().getJsonObject("components");
  }

  @Test
  void theStatusShowsComponentsCountsAndThroughput() {
    api.post("api/tasks", "{\"type\":\"noop\"}");
    Answer a = api.get("api/system/status");

    assertEquals(200, a.status(), a.toString());
    JsonObject s = a.json();
    assertEquals("UP", s.getJsonObject("components").getJsonObject("redis").getString("status"));
    JsonObject brokerStatus = s.getJsonObject("components").getJsonObject("broker");
    assertEquals("UP", brokerStatus.getString("status"));
    assertTrue(brokerStatus.getInt("queue_depth") >= 0);
    assertTrue(s.getJsonObject("tasks").getInt("CREATED") >= 1);
    assertEquals(TaskStatus.values().length, s.getJsonObject("tasks").size());
    assertTrue(s.getJsonObject("throughput").getJsonNumber("submitted_total").longValue() >= 1);
    assertTrue(s.getJsonObject("throughput").getJsonObject("completed_per_second").containsKey("10s"));
  }

  @Test
  void eventsArePagedNewestFirst() {
    String id = api.post("api/tasks", "{\"type\":\"noop\"}").json().getString("id");

    JsonObject page = api.get("api/system/events?limit=2").json();
    JsonArray events = page.getJsonArray("events");
    assertEquals(2, events.size());
    assertTrue(events.stream().anyMatch(e -> id.equals(e.asJsonObject().getString("task_id", null))), page.toString());
    String before = page.getString("next_before");
    JsonObject older = api.get("api/system/events?limit=2&before=" + before).json();
    assertTrue(older.getJsonArray("events").getJsonObject(0).getString("id").compareTo(before) < 0);
    assertProblem(api.get("api/system/events?before=yesterday"), 422, "before");
  }

  @Test
  void theEventStreamDeliversNewEventsLive() throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    HttpRequest request =
        HttpRequest.newBuilder(PayaraInfrastructure.loopback(base).resolve("/api/system/events/stream"))
            .header("Authorization", PayaraInfrastructure.adminAuthorization())
            .GET()
            .build();
    var stream = HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
    InputStream body = stream.get().body();
    Thread reader =
        new Thread(
            () -> {
              try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(body, StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                  lines.add(line);
                }
              } catch (IOException closed) {
                // the test closed the stream
              }
            });
    reader.setDaemon(true);
    reader.start();
    await().pollDelay(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> true);

    String id = api.post("api/tasks", "{\"type\":\"noop\"}").json().getString("id");

    await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream().anyMatch(l -> l.startsWith("data:") && l.contains(id)));
    assertTrue(lines.contains("event: task.created"), lines.toString());
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("id: ")));
    body.close();
  }

  @Test
  void theEchoAnswersTheSha256OfTheBody() throws Exception {
    byte[] payload = "hello baton".getBytes(StandardCharsets.UTF_8);
    JsonObject answer = api.post("api/echo", payload, "application/octet-stream").json();
    assertEquals(11, answer.getInt("bytes"));
    assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload)), answer.getString("sha256"));
  }

  @Test
  void healthAndOpenApiAreServed() {
    Answer started = api.get("health/started");
    assertEquals(200, started.status(), started.toString());
    assertTrue(started.body().contains("\"manager\""));
    assertEquals(200, api.get("health/live").status());
    Answer ready = api.get("health/ready"); // UP or not depending on this test's own worker's lease
    for (String check : List.of("\"redis\"", "\"broker\"", "\"workers\"")) {
      assertTrue(ready.body().contains(check), check + " in " + ready);
    }
    assertEquals(200, api.get("openapi").status());
  }

  /** While Redis is down the API answers 503 problems, never 500; afterwards it serves everything again. */
  @Test
  void aRedisOutageIsA503AndTasksSurviveIt() {
    String id = api.post("api/tasks", "{\"type\":\"noop\"}").json().getString("id");
    RedisServer r = PayaraInfrastructure.redis();
    r.kill();
    try {
      Answer create = api.post("api/tasks", "{\"type\":\"noop\"}");
      assertProblem(create, 503, null);
      assertEquals("1", create.retryAfter());
      assertProblem(api.get("api/tasks/" + id), 503, null);
      assertEquals(200, api.get("api/system/status").status(), "the status page reports, it does not fail");
      assertEquals("DOWN", api.get("api/system/status").json().getString("status"));
      assertEquals(503, api.get("health/ready").status());
      assertEquals(503, api.get("health/started").status());
    } finally {
      PayaraInfrastructure.restartRedis();
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> api.get("api/tasks/" + id).status() == 200);
    assertEquals("CREATED", api.get("api/tasks/" + id).json().getString("status"));
    // This test's own client (playing the worker) met the restart too: the next tests need it answering.
    await().atMost(Duration.ofSeconds(5)).ignoreException(StoreUnavailableException.class).until(() -> redis.ping() >= 0);
  }
}
