package dev.baton.manager.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.cluster.TaskTypeInfo;
import dev.baton.event.EventType;
import dev.baton.store.Redis;
import dev.baton.store.RedisEventLog;
import dev.baton.store.RedisTaskStore;
import dev.baton.store.RedisWorkerRegistry;
import dev.baton.task.TaskQuery;
import dev.baton.task.TaskStatus;
import dev.baton.testing.Http;
import dev.baton.testing.Http.Answer;
import dev.baton.testing.PayaraInfrastructure;
import dev.baton.worker.handlers.NoopHandler;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The manager's limits on a real Payara Micro with Redis and the broker (no workers: tasks stay queued):
 * retention, with at most 20 finished tasks kept for at most 20 s, and back pressure at 40 tasks waiting
 * to start. Under its own key prefix, so the other tests' tasks are not its to count.
 */
@ExtendWith({PayaraInfrastructure.class, ArquillianExtension.class})
@PayaraInfrastructure.Options(
    "-Dbaton.redis.prefix=limits-it: -Dbaton.retention.max-finished=20 -Dbaton.retention.max-age-s=20 -Dbaton.api.max-pending=40")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LimitsIT {
  private static Redis redis;
  private static RedisTaskStore store;
  private static RedisEventLog events;

  @ArquillianResource URL base;

  @Deployment(testable = false)
  static WebArchive manager() {
    return ShrinkWrap.create(ZipImporter.class, "ROOT.war").importFrom(new File("target/baton-manager.war")).as(WebArchive.class);
  }

  @BeforeAll
  static void connect() {
    redis = new Redis(URI.create(PayaraInfrastructure.redis().url()), "limits-it:", 100_000, 2);
    store = new RedisTaskStore(redis);
    events = new RedisEventLog(redis);
    NoopHandler noop = new NoopHandler(); // as a worker would, so that the manager accepts the type
    new RedisWorkerRegistry(redis).advertise(List.of(new TaskTypeInfo(noop.type(), noop.descriptor().toJson())));
  }

  @AfterAll
  static void close() {
    redis.close();
  }

  private static String create(Http api, String spec) {
    Answer a = api.post("api/tasks", spec);
    assertEquals(201, a.status(), a.toString());
    return a.json().getString("id");
  }

  private static boolean exists(String id) {
    return store.find(id).isPresent();
  }

  /** Tasks removed by retention under this rule, summed over its log entries. */
  private static int removedBy(String rule) {
    return events.newestFirst(null, 1000).stream()
        .filter(e -> e.type().equals(EventType.TASKS_DELETED.wireName()) && e.fields().getOrDefault("reason", "").startsWith(rule))
        .mapToInt(e -> Integer.parseInt(e.fields().get("count")))
        .sum();
  }

  @Test
  @Order(1)
  void theOldestBeyondTheLimitGoFirstThenEachAtItsAgeAndNothingUnfinished() {
    Http api = new Http(PayaraInfrastructure.loopback(base).resolve("/")).basic("admin", PayaraInfrastructure.ADMIN_PASSWORD);
    String queued = create(api, "{\"type\":\"noop\"}");
    String scheduled = create(api, "{\"type\":\"noop\",\"countdown_s\":3600}");
    List<String> cancelled = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      String id = create(api, "{\"type\":\"noop\"}");
      assertEquals(202, api.post("api/tasks/" + id + "/cancel", "").status());
      cancelled.add(id);
    }

    // the limit: within a sweep (every 5 s), the ten that finished first are gone, the newest twenty kept
    await("at most 20 finished").atMost(Duration.ofSeconds(12)).until(() -> store.finishedCount() <= 20);
    assertEquals(List.of(), cancelled.subList(0, 10).stream().filter(LimitsIT::exists).toList(), "the oldest removed");
    assertEquals(cancelled.subList(10, 30), cancelled.subList(10, 30).stream().filter(LimitsIT::exists).toList(), "the newest kept");
    assertEquals(10, removedBy("retention: more than 20 finished"));

    // the age: 20 s after it finished, each goes; a task finished later stays until its own time
    await("all 20 s old removed").atMost(Duration.ofSeconds(45)).until(() -> cancelled.stream().noneMatch(LimitsIT::exists));
    String younger = create(api, "{\"type\":\"noop\"}");
    assertEquals(202, api.post("api/tasks/" + younger + "/cancel", "").status());
    assertEquals(20, removedBy("retention: finished more than 20 s ago"));
    assertEquals(true, exists(younger));
    assertEquals("CREATED", store.find(queued).orElseThrow().status().name(), "an unfinished task is never removed");
    assertEquals("SCHEDULED", store.find(scheduled).orElseThrow().status().name());
  }

  @Test
  @Order(2) // after retention: its tasks would count there
  void pastMaxPendingASubmitIs429WithRetryAfterAndStoresNothing() {
    Http api = new Http(PayaraInfrastructure.loopback(base).resolve("/")).basic("admin", PayaraInfrastructure.ADMIN_PASSWORD);
    long waiting = store.list(new TaskQuery(Set.of(TaskStatus.CREATED, TaskStatus.SCHEDULED), null, null, 0, 1)).total();
    int fits = (int) (40 - waiting);
    String batch = "{\"tasks\":[" + String.join(",", java.util.Collections.nCopies(fits - 1, "{\"type\":\"noop\"}")) + "]}";
    Answer accepted = api.post("api/tasks/batch", batch);
    assertEquals(201, accepted.status(), accepted.toString());
    long stored = store.list(new TaskQuery(Set.of(), null, null, 0, 1)).total();

    Answer refused = api.post("api/tasks/batch", "{\"tasks\":[{\"type\":\"noop\"},{\"type\":\"noop\"}]}");

    assertEquals(429, refused.status(), refused.toString());
    assertEquals("application/problem+json", refused.contentType());
    assertEquals("1", refused.retryAfter());
    assertTrue(refused.body().contains("baton.api.max-pending"), refused.body());
    assertEquals(stored, store.list(new TaskQuery(Set.of(), null, null, 0, 1)).total(), "nothing stored");
    assertEquals(201, api.post("api/tasks", "{\"type\":\"noop\"}").status(), "one more fits");
    assertEquals(429, api.post("api/tasks", "{\"type\":\"noop\"}").status());
    String first = accepted.json().getJsonArray("tasks").getJsonObject(0).getString("id");
    assertEquals(202, api.post("api/tasks/" + first + "/cancel", "").status());
    assertEquals(201, api.post("api/tasks", "{\"type\":\"noop\"}").status(), "room again once one has left the queue");
  }
}
