package dev.baton.demo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.testing.Http;
import dev.baton.testing.Http.Answer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Operations on the whole cluster: {@code ./demo.sh monitoring} runs Debian's Prometheus against it; with
 * traffic going, every expression of the Grafana dashboard and every rule of monitoring/alerts.yml is
 * evaluated through Prometheus' HTTP API and must return data (no panel or alert wired to a metric that does
 * not exist). The health endpoints of the manager and a worker, and what makes them DOWN.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
@ExtendWith(SharedCluster.class)
class MonitoringIT {
  private static final Path MONITORING = Path.of(System.getProperty("baton.root", "..")).toAbsolutePath().normalize().resolve("monitoring");
  private static Cluster cluster;
  private static Http http;
  private static Http prometheus;

  @BeforeAll
  static void startPrometheus(Cluster shared) throws IOException {
    cluster = shared;
    http = cluster.api();
    SharedCluster.heal(cluster, http);
    String out = cluster.demo("monitoring");
    String port = Files.readString(cluster.runDir().resolve("monitoring/port")).trim();
    assertTrue(out.contains("http://127.0.0.1:" + port), out);
    prometheus = new Http(URI.create("http://127.0.0.1:" + port + "/"));
  }

  @AfterAll
  static void stopPrometheus() {
    if (cluster != null) {
      cluster.demo("monitoring", "stop");
    }
  }

  @Test
  void everyDashboardPanelAndAlertRuleReturnsData() throws IOException {
    await("every target scraped")
        .atMost(Duration.ofSeconds(30))
        .until(() -> query("count(up == 1)").getJsonArray("result").stream().anyMatch(r -> value(r) >= 4));
    double before = completed();
    // traffic: two queues, a task that fails after its retry, and a migration
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      ids.add(create(i % 3 == 0 ? "{\"type\":\"noop\",\"queue\":\"mail\"}" : "{\"type\":\"noop\"}"));
    }
    ids.add(create("{\"type\":\"sleep\",\"max_retries\":1,\"retry_delay_ms\":0,\"data\":{\"steps\":1,\"step_ms\":10,\"fail_attempts\":5}}"));
    String slow = create("{\"type\":\"sleep\",\"data\":{\"steps\":40,\"step_ms\":100}}");
    await("the slow task runs").atMost(Duration.ofSeconds(20)).until(() -> status(slow).equals("RUNNING"));
    assertEquals(202, http.post("api/tasks/" + slow + "/migrate", "").status());
    ids.add(slow);
    await("the tasks finish").atMost(Duration.ofSeconds(60)).until(() -> ids.stream().allMatch(id -> isFinal(status(id))));
    await("Prometheus saw them")
        .atMost(Duration.ofSeconds(30))
        .until(() -> completed() >= before + 30);

    JsonObject dashboard = read(MONITORING.resolve("grafana/dashboards/baton.json"));
    Map<String, Integer> panels = new LinkedHashMap<>();
    for (JsonValue p : dashboard.getJsonArray("panels")) {
      for (JsonValue t : p.asJsonObject().getJsonArray("targets")) {
        String expr = t.asJsonObject().getString("expr");
        JsonArray result = query(expr).getJsonArray("result");
        System.out.printf("  panel %-50s %2d series  %s%n", p.asJsonObject().getString("title"), result.size(), expr);
        assertFalse(result.isEmpty(), "panel '" + p.asJsonObject().getString("title") + "' has no data: " + expr);
        panels.merge(p.asJsonObject().getString("title"), 1, Integer::sum);
      }
    }
    assertTrue(panels.size() >= 10, "the dashboard's panels: " + panels);

    JsonArray groups = prometheus.get("api/v1/rules").json().getJsonObject("data").getJsonArray("groups");
    Set<String> alerts = new TreeSet<>();
    for (JsonValue g : groups) {
      for (JsonValue r : g.asJsonObject().getJsonArray("rules")) {
        JsonObject rule = r.asJsonObject();
        assertEquals("ok", rule.getString("health"), rule.getString("name") + ": " + rule.getString("lastError", ""));
        String expr = rule.getString("query");
        if (rule.getString("type").equals("alerting")) {
          alerts.add(rule.getString("name"));
          // The alert's own expression is empty while it does not fire; its parts without the threshold are not.
          for (String part : withoutThresholds(expr)) {
            JsonArray result = query(part).getJsonArray("result");
            System.out.printf("  alert %-24s %2d series  %s%n", rule.getString("name"), result.size(), part);
            assertFalse(result.isEmpty(), "alert " + rule.getString("name") + " has no data: " + part);
          }
        } else {
          assertFalse(query(rule.getString("name")).getJsonArray("result").isEmpty(), "recording rule " + rule.getString("name"));
        }
      }
    }
    assertEquals(
        Set.of("BatonManagerDown", "BatonNoWorkerAlive", "BatonQueueDepthGrowing", "BatonRecoverySlow", "BatonTasksDead"), alerts);

    // what the traffic did, as Prometheus sees it
    assertTrue(sum("baton_tasks_completed_total{queue=\"mail\",type=\"noop\"}") >= 10);
    assertTrue(sum("baton_tasks_failed_total{type=\"sleep\"}") >= 1);
    assertTrue(sum("baton_tasks_retried_total{type=\"sleep\"}") >= 1);
    assertTrue(sum("baton_migrations_total") >= 1);
    assertTrue(sum("baton_task_run_seconds_count{type=\"noop\"}") >= 30);
    assertEquals(3, query("count(count by (instance) (baton_slots{job=\"baton-worker\"}))").getJsonArray("result").stream().mapToDouble(MonitoringIT::value).sum());
    assertEquals(4, query("count(memory_usedHeap_bytes)").getJsonArray("result").stream().mapToDouble(MonitoringIT::value).sum());
  }

  /** The manager's and a worker's health endpoints, and what takes them DOWN: no live worker, no broker. */
  @Test
  void healthSaysWhatIsMissing() {
    Http worker = new Http(URI.create(http.get("api/workers/worker-1").json().getString("url") + "/")).basic("admin", cluster.adminPassword());
    for (Http h : List.of(http, worker)) {
      for (String p : List.of("health/started", "health/live", "health/ready")) {
        Answer a = h.get(p);
        assertEquals(200, a.status(), p + " " + a);
        assertEquals("UP", a.json().getString("status"), p + " " + a);
      }
    }
    assertEquals(Set.of("redis", "broker", "workers"), checks(http.get("health/ready")).keySet());
    assertEquals(Set.of("redis", "broker", "slots"), checks(worker.get("health/ready")).keySet());
    try {
      cluster.demo("kill", "broker");
      await("the worker's readiness reports the broker")
          .atMost(Duration.ofSeconds(30))
          .until(() -> worker.get("health/ready").status() == 503 && checks(worker.get("health/ready")).get("broker").equals("DOWN"));
      await("the manager's too")
          .atMost(Duration.ofSeconds(30))
          .until(() -> http.get("health/ready").status() == 503 && checks(http.get("health/ready")).get("broker").equals("DOWN"));
      assertEquals(200, http.get("health/live").status(), "alive without the broker: no restart would help");
      cluster.demo("start");
      await("ready again").atMost(Duration.ofSeconds(30)).until(() -> http.get("health/ready").status() == 200 && worker.get("health/ready").status() == 200);

      for (int n = 1; n <= 3; n++) {
        cluster.demo("pause-worker", Integer.toString(n));
      }
      await("no worker alive: the manager is not ready")
          .atMost(Duration.ofSeconds(30))
          .until(() -> http.get("health/ready").status() == 503 && checks(http.get("health/ready")).get("workers").equals("DOWN"));
      assertEquals(200, http.get("health/started").status());
      assertEquals(200, http.get("health/live").status());
    } finally {
      SharedCluster.heal(cluster, http);
    }
    await("ready again").atMost(Duration.ofSeconds(30)).until(() -> http.get("health/ready").status() == 200);
  }

  private static Map<String, String> checks(Answer health) {
    return health.json().getJsonArray("checks").stream()
        .map(JsonValue::asJsonObject)
        .collect(Collectors.toMap(c -> c.getString("name"), c -> c.getString("status")));
  }

  /** {@code a > 0 and b == 0} -> [a, b]: each side of the alert without its comparison with a number. */
  static List<String> withoutThresholds(String expr) {
    List<String> parts = new ArrayList<>();
    for (String part : expr.split("\\s+and\\s+")) {
      parts.add(part.replaceAll("\\s*(==|!=|>=|<=|>|<)\\s*-?[0-9.]+\\s*$", "").trim());
    }
    return parts;
  }

  private static String create(String body) {
    Answer a = http.post("api/tasks", body);
    assertEquals(201, a.status(), a.toString());
    return a.json().getString("id");
  }

  private static String status(String id) {
    return http.get("api/tasks/" + id).json().getString("status");
  }

  private static boolean isFinal(String status) {
    return Set.of("COMPLETED", "FAILED", "DEAD", "CANCELLED", "SKIPPED").contains(status);
  }

  private static double completed() {
    return sum("baton_tasks_completed_total");
  }

  /** The sum over queues and types of one of the manager's series (the max over managers). */
  private static double sum(String selector) {
    String s = selector.contains("{") ? selector.replace("{", "{job=\"baton-manager\",") : selector + "{job=\"baton-manager\"}";
    return query("sum(max without (instance) (" + s + "))").getJsonArray("result").stream().mapToDouble(MonitoringIT::value).sum();
  }

  private static JsonObject query(String promql) {
    Answer a = prometheus.get("api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    assertEquals(200, a.status(), promql + ": " + a);
    assertEquals("success", a.json().getString("status"));
    return a.json().getJsonObject("data");
  }

  private static double value(JsonValue result) {
    String v = result.asJsonObject().getJsonArray("value").getString(1);
    return v.equals("NaN") ? Double.NaN : Double.parseDouble(v);
  }

  private static JsonObject read(Path file) throws IOException {
    try (Reader r = Files.newBufferedReader(file); var json = Json.createReader(r)) {
      return json.readObject();
    }
  }
}
