package dev.baton.worker.it;

import static dev.baton.testing.Tasks.aTask;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.cluster.WorkerRecord;
import dev.baton.cluster.WorkerStatus;
import dev.baton.messaging.JmsTaskDispatch;
import dev.baton.store.Redis;
import dev.baton.store.RedisTaskStore;
import dev.baton.store.RedisWorkerRegistry;
import dev.baton.task.Claim;
import dev.baton.task.DispatchOrder;
import dev.baton.task.Move;
import dev.baton.task.NewTask;
import dev.baton.task.TaskRecord;
import dev.baton.task.TaskStatus;
import dev.baton.task.TaskTypeDescriptor;
import dev.baton.task.Transition;
import dev.baton.testing.PayaraInfrastructure;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The packaged worker WAR on a real Payara Micro, consuming real messages from a real Artemis broker and
 * claiming, checkpointing and completing tasks in a real Redis.
 */
@ExtendWith({PayaraInfrastructure.class, ArquillianExtension.class})
@PayaraInfrastructure.Options("-Dbaton.worker.id=worker-it -Dbaton.worker.slots=3 -Dbaton.checkpoint.interval-s=1")
class WorkerIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static Redis redis;
  private static RedisTaskStore store;
  private static JmsTaskDispatch dispatch;

  @ArquillianResource URL base;

  @Deployment(testable = false)
  static WebArchive worker() {
    return ShrinkWrap.create(ZipImporter.class, "worker.war").importFrom(new File("target/baton-worker.war")).as(WebArchive.class);
  }

  @BeforeAll
  static void connect() {
    redis = new Redis(URI.create(PayaraInfrastructure.redis().url()), "baton:", 10_000, 4);
    store = new RedisTaskStore(redis);
    dispatch = new JmsTaskDispatch(PayaraInfrastructure.brokerUrl(), Duration.ofMinutes(1));
  }

  @AfterAll
  static void disconnect() {
    dispatch.close();
    redis.close();
  }

  private static void submit(NewTask task) {
    store.create(List.of(task), Duration.ofMinutes(5));
    dispatch.send(List.of(new DispatchOrder(task.id(), 0, task.type(), task.priority(), null, 0)));
  }

  private static TaskRecord awaitStatus(String id, TaskStatus status) {
    await("task " + id + " " + status)
        .atMost(PATIENCE)
        .until(() -> store.find(id).map(TaskRecord::status).orElse(null) == status);
    return store.find(id).orElseThrow();
  }

  @Test
  void registersWithItsSlotsAndTaskTypes() {
    RedisWorkerRegistry registry = new RedisWorkerRegistry(redis);
    await().atMost(PATIENCE).until(() -> registry.find("worker-it").isPresent());
    WorkerRecord me = registry.find("worker-it").orElseThrow();

    assertEquals(WorkerStatus.UP, me.status());
    assertEquals(3, me.slots());
    assertEquals(List.of("attrgen", "benchmark", "computation", "io", "network", "noop", "sleep"), me.types());
    assertEquals(List.of(), me.queues(), "every queue");
    assertNotNull(me.lastHeartbeat());
    assertTrue(me.leaseUntil().isAfter(me.lastHeartbeat()));
    TaskTypeDescriptor computation = TaskTypeDescriptor.fromJson(registry.taskTypes().get("computation"));
    assertTrue(computation.params().stream().anyMatch(p -> p.name().equals("iterations")));
  }

  @Test
  void runsTheSeedComputationFromARealMessage() {
    NewTask task =
        aTask()
            .type("computation")
            .priority(5)
            .data("{\"operation\":\"complex-calculation\",\"input\":[1,2,3,4,5],\"iterations\":100,\"pace_ms\":25}")
            .build();
    submit(task);

    await().atMost(PATIENCE).until(() -> store.find(task.id()).orElseThrow().progress() > 0);
    TaskRecord done = awaitStatus(task.id(), TaskStatus.COMPLETED);

    assertEquals("worker-it", done.workerId());
    assertEquals(100, done.progress());
    assertEquals(1, done.epoch());
    assertTrue(done.checkpoints() >= 1, "checkpoints written: " + done.checkpoints());
    assertNotNull(done.lastCheckpointAt());
    JsonObject result = Json.createReader(new StringReader(done.result())).readObject();
    assertEquals(64, result.getString("digest").length());
    assertEquals(
        List.of(TaskStatus.CREATED, TaskStatus.ASSIGNED, TaskStatus.RUNNING, TaskStatus.COMPLETED),
        store.history(task.id()).stream().map(Transition::to).toList());
  }

  @Test
  void runsEveryBuiltInType() {
    List<NewTask> tasks =
        List.of(
            aTask().type("noop").data("{}").build(),
            aTask().type("sleep").data("{\"steps\":3,\"step_ms\":50}").build(),
            aTask().type("io").data("{\"size_bytes\":300000,\"chunk_bytes\":65536}").build(),
            aTask().type("computation").data("{\"input\":[3,1,4],\"iterations\":20}").build());
    tasks.forEach(WorkerIT::submit);

    for (NewTask t : tasks) {
      TaskRecord done = awaitStatus(t.id(), TaskStatus.COMPLETED);
      assertNotNull(done.result(), t.type());
    }
  }

  /**
   * A message of five tasks reaches a worker of three slots (a deep backlog, ADR 0055): it claims three, and the two
   * that find no slot within its short hold go back to the broker and come again; each task is claimed and run once,
   * never more than three at a time.
   */
  @Test
  void claimsAtMostItsFreeSlotsOfAMessageAndHandsTheRestBack() {
    List<NewTask> five = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      five.add(aTask().type("sleep").priority(4).data("{\"steps\":2,\"step_ms\":300}").build());
    }
    store.create(five, Duration.ofMinutes(5));
    dispatch.sendGrouped(List.of(five.stream().map(t -> new DispatchOrder(t.id(), 0, "sleep", 4, null, 0)).toList()));

    List<TaskRecord> done = five.stream().map(t -> awaitStatus(t.id(), TaskStatus.COMPLETED)).toList();

    for (TaskRecord t : done) {
      assertEquals(1, t.epoch(), "claimed once: " + t.id());
      assertEquals(
          List.of(TaskStatus.CREATED, TaskStatus.ASSIGNED, TaskStatus.RUNNING, TaskStatus.COMPLETED),
          store.history(t.id()).stream().map(Transition::to).toList());
    }
    List<java.time.Instant> starts = done.stream().map(TaskRecord::startedAt).sorted().toList();
    java.time.Instant firstEnd = done.stream().map(TaskRecord::finishedAt).min(java.util.Comparator.naturalOrder()).orElseThrow();
    assertTrue(starts.get(2).isBefore(firstEnd), "three started at once: " + starts);
    assertTrue(!starts.get(3).isBefore(firstEnd), "the fourth only once a slot was free: " + starts + ", first end " + firstEnd);
  }

  /** A task taken from a worker that vanished resumes here from its checkpoint, with an equal result. */
  @Test
  void resumesFromAnotherWorkersCheckpoint() {
    String data = "{\"input\":[2,7,1,8],\"iterations\":40,\"rounds\":50}";
    NewTask reference = aTask().type("computation").data(data).build();
    submit(reference);
    String expected = awaitStatus(reference.id(), TaskStatus.COMPLETED).result();

    NewTask task = aTask().type("computation").data(data).build();
    store.create(List.of(task), Duration.ofMinutes(5));
    Claim ghost = store.claim(task.id(), "ghost", 0).claim();
    String halfway = checkpointOfReferenceRunAt(data, 20);
    store.report(task.id(), ghost.epoch(), 50, "iteration 20 of 40", halfway, "ghost");
    store.move(new Move(task.id(), TaskStatus.RECOVERING, Set.of(TaskStatus.RUNNING), ghost.epoch(), true, "ghost died", "test", null));
    dispatch.send(List.of(new DispatchOrder(task.id(), ghost.epoch() + 1, "computation", 4, null, 0)));

    TaskRecord done = awaitStatus(task.id(), TaskStatus.COMPLETED);
    assertEquals("worker-it", done.workerId());
    assertEquals(2, done.attempt());
    assertEquals(expected, done.result().replace("\"", "\""));
  }

  /** A claim whose answer was lost: Redis says this worker owns the task, but no slot runs it. */
  @Test
  void handsBackATaskItOwnsButDoesNotRun() {
    NewTask task = aTask().type("noop").data("{}").build();
    store.create(List.of(task), Duration.ofMinutes(5));
    store.claim(task.id(), "worker-it", 0);

    TaskRecord handedBack = awaitStatus(task.id(), TaskStatus.RECOVERING);
    assertEquals(2, handedBack.epoch(), "fenced");
    assertTrue(
        store.history(task.id()).get(store.history(task.id()).size() - 1).reason().contains("the answer to its claim was lost"),
        store.history(task.id()).toString());
  }

  @Test
  void dropsAMessageOlderThanTheTask() {
    NewTask task = aTask().type("noop").data("{}").build();
    store.create(List.of(task), Duration.ofMinutes(5));
    dispatch.send(List.of(new DispatchOrder(task.id(), 7, "noop", 4, null, 0)));
    NewTask marker = aTask().type("noop").data("{}").priority(0).build();
    submit(marker);

    awaitStatus(marker.id(), TaskStatus.COMPLETED);
    assertEquals(TaskStatus.CREATED, store.find(task.id()).orElseThrow().status(), "the stale message was not claimed");
  }

  @Test
  void reportsAFailingTaskAsFailed() {
    NewTask task = aTask().type("sleep").data("{\"steps\":2,\"step_ms\":10,\"fail_probability\":1}").build();
    submit(task);

    TaskRecord failed = awaitStatus(task.id(), TaskStatus.FAILED);
    assertEquals("SimulatedFailure: simulated failure at step 1 of 2", failed.error());
  }

  @Test
  void answersWhatItIsDoingToAUserAndAsksOthersForCredentials() throws Exception {
    URI me = PayaraInfrastructure.loopback(base).resolve("api/worker");
    String password = "a-viewer-password-" + java.util.UUID.randomUUID();
    dev.baton.testing.TestUsers.create(redis, "worker-it-viewer", dev.baton.security.Role.VIEWER, password);
    String basic =
        "Basic " + java.util.Base64.getEncoder().encodeToString(("worker-it-viewer:" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(me).header("Authorization", basic).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode());
    JsonObject body = Json.createReader(new StringReader(response.body())).readObject();
    assertEquals("worker-it", body.getString("worker_id"));
    assertEquals(3, body.getInt("slots"));

    for (String wrong : new String[] {null, "Basic " + java.util.Base64.getEncoder().encodeToString("worker-it-viewer:wrong-password".getBytes()),
        "Bearer baton_not-a-token"}) {
      HttpRequest.Builder r = HttpRequest.newBuilder(me).GET();
      if (wrong != null) {
        r.header("Authorization", wrong);
      }
      HttpResponse<String> refused = HttpClient.newHttpClient().send(r.build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(401, refused.statusCode(), String.valueOf(wrong));
      assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
      assertTrue(refused.headers().allValues("WWW-Authenticate").stream().anyMatch(h -> h.startsWith("Basic realm=\"baton\"")));
      assertFalse(refused.body().contains("worker_id"), "nothing of the worker's state without credentials");
    }
  }


  /** The checkpoint an uninterrupted run has after {@code iterations}, computed here without the worker. */
  private static String checkpointOfReferenceRunAt(String data, int iterations) {
    var handler = new dev.baton.worker.handlers.ComputationHandler();
    try (var run =
        handler.start(
            new dev.baton.worker.handlers.TaskInput(
                "ref",
                1,
                Json.createReader(new StringReader(data)).readObject(),
                null,
                java.nio.file.Path.of("target"),
                URI.create("http://127.0.0.1:1"),
                dev.baton.worker.handlers.Pacer.UNINTERRUPTED,
                jakarta.json.JsonValue.EMPTY_JSON_OBJECT))) {
      for (int i = 0; i < iterations; i++) {
        run.step();
      }
      return run.checkpoint().toString();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
