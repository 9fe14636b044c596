package dev.baton.manager.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.baton.cluster.TaskTypeInfo;
import dev.baton.event.EventType;
import dev.baton.store.Redis;
import dev.baton.store.RedisEventLog;
import dev.baton.store.RedisTaskStore;
import dev.baton.store.RedisWorkerRegistry;
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
 * Retention on a real manager: with at most 20 finished tasks kept for at most 20 s, the scheduler's
 * retention timer removes the oldest beyond 20 first, then each when it is 20 s old, and nothing that has
 * not finished. Under its own key prefix, so the other tests' tasks are not its to count.
 */
@ExtendWith({PayaraInfrastructure.class, ArquillianExtension.class})
@PayaraInfrastructure.Options("-Dbaton.redis.prefix=retention-it: -Dbaton.retention.max-finished=20 -Dbaton.retention.max-age-s=20")
class RetentionIT {
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
    redis = new Redis(URI.create(PayaraInfrastructure.redis().url()), "retention-it:", 100_000, 2);
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
  void theOldestBeyondTheLimitGoFirstThenEachAtItsAgeAndNothingUnfinished() {
    Http api = new Http(PayaraInfrastructure.loopback(base).resolve("/"));
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
    assertEquals(List.of(), cancelled.subList(0, 10).stream().filter(RetentionIT::exists).toList(), "the oldest removed");
    assertEquals(cancelled.subList(10, 30), cancelled.subList(10, 30).stream().filter(RetentionIT::exists).toList(), "the newest kept");
    assertEquals(10, removedBy("retention: more than 20 finished"));

    // the age: 20 s after it finished, each goes; a task finished later stays until its own time
    await("all 20 s old removed").atMost(Duration.ofSeconds(45)).until(() -> cancelled.stream().noneMatch(RetentionIT::exists));
    String younger = create(api, "{\"type\":\"noop\"}");
    assertEquals(202, api.post("api/tasks/" + younger + "/cancel", "").status());
    assertEquals(20, removedBy("retention: finished more than 20 s ago"));
    assertEquals(true, exists(younger));
    assertEquals("CREATED", store.find(queued).orElseThrow().status().name(), "an unfinished task is never removed");
    assertEquals("SCHEDULED", store.find(scheduled).orElseThrow().status().name());
  }
}
