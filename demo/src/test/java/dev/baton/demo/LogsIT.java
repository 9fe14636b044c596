package dev.baton.demo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.client.BatonClient;
import dev.baton.client.TaskRequest;
import dev.baton.client.TaskStatus;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * BATON_LOG_FORMAT=json on the shared cluster: the broker, the manager and the workers write one JSON object per
 * line; a task's lines carry its id, the worker, the attempt's epoch and the event; ./demo.sh logs shows them
 * readable.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
@ExtendWith(SharedCluster.class)
class LogsIT {
  private static final JsonProvider JSON = JsonProvider.provider();
  private static Cluster cluster;
  private static BatonClient baton;

  @BeforeAll
  static void connect(Cluster shared) {
    cluster = shared;
    baton = shared.client();
  }

  private static Path log(String name) {
    return cluster.runDir().resolve("logs/" + name + ".log");
  }

  /** The log's lines as JSON objects; fails on a line that is not one (a Java stack trace would be one line's field). */
  private static List<JsonObject> lines(String name) throws IOException {
    List<JsonObject> all = new ArrayList<>();
    for (String line : Files.readAllLines(log(name), StandardCharsets.UTF_8)) {
      if (line.isBlank() || !line.startsWith("{")) {
        continue; // the JVM's own warnings on stderr, not a logger's
      }
      all.add(JSON.createReader(new StringReader(line)).readObject());
    }
    return all;
  }

  private static Optional<JsonObject> find(String name, String event, String taskId) throws IOException {
    return lines(name).stream().filter(o -> event.equals(o.getString("event", null)) && taskId.equals(o.getString("task_id", null))).findFirst();
  }

  @Test
  void everyComponentWritesJsonLines() throws IOException {
    for (String name : List.of("broker", "manager", "worker-1", "worker-2", "worker-3")) {
      List<String> text = Files.readAllLines(log(name), StandardCharsets.UTF_8);
      List<JsonObject> json = lines(name);
      assertFalse(json.isEmpty(), name + " has JSON lines");
      // a line with an exception has its message in Throwable (Payara's formatter), not in LogMessage
      assertTrue(
          json.stream().allMatch(o -> o.containsKey("Timestamp") && o.containsKey("Level") && (o.containsKey("LogMessage") || o.containsKey("Throwable"))),
          name + ": " + json.stream().filter(o -> !o.containsKey("LogMessage") && !o.containsKey("Throwable")).findFirst().orElse(null));
      // nothing in Payara's text format (ODL: "[2026-...] [] [INFO] ...") nor the broker's
      assertTrue(text.stream().noneMatch(l -> l.startsWith("[20") || l.matches("^\\d{4}-\\d\\d-\\d\\dT.*")), name + " has text lines");
    }
  }

  @Test
  void aFailingTaskIsTracedByItsIdAcrossWorkerAndManager() throws Exception {
    String id =
        baton.submit(TaskRequest.of("sleep").maxRetries(1).with("retry_delay_ms", JSON.createValue(0)).data(Map.of("steps", 1, "step_ms", 10, "fail_attempts", 5))).id();
    assertEquals(TaskStatus.FAILED, baton.await(id, Duration.ofSeconds(60)).status());

    // The worker that ran the last attempt logged it, with its epoch; the manager's event log has both steps.
    JsonObject failed =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> {
                  for (String w : List.of("worker-1", "worker-2", "worker-3")) {
                    Optional<JsonObject> line = find(w, "task.failed", id);
                    if (line.isPresent()) {
                      return line.get();
                    }
                  }
                  return null;
                },
                o -> o != null);
    assertTrue(failed.getString("worker_id").startsWith("worker-"), failed.toString());
    assertTrue(Long.parseLong(failed.getString("epoch")) >= 1, "the attempt's epoch: " + failed);
    assertTrue(failed.getString("LogMessage").contains(id), failed.toString());

    JsonObject event = await().atMost(Duration.ofSeconds(20)).until(() -> find("manager", "task.failed", id).orElse(null), o -> o != null);
    assertEquals("dev.baton.events", event.getString("LoggerName"));
    assertTrue(event.containsKey("event_id") && event.containsKey("worker_id"), event.toString());
    assertTrue(find("manager", "task.retrying", id).isPresent(), "the retry is in the manager's log too");

    // ./demo.sh logs shows the JSON lines readable, with their fields
    String shown = cluster.demo("logs", failed.getString("worker_id"));
    assertTrue(
        shown.lines().anyMatch(l -> l.contains("task " + id) && l.contains("event=task.failed") && l.contains("task_id=" + id) && !l.startsWith("{")),
        shown);
  }
}
