package dev.baton.demo;

import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The HTTP client Baton's own tools use against the API, and the calls the benchmark and the soak share. */
final class ApiHttp {
  /** HTTP/1.1, not an h2c upgrade: such a connection was seen ending in the middle of a request (ADR 0025). */
  static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();

  /** Tasks per batch request (the API's most). */
  static final int BATCH = 1000;
  private static final int SUBMITTERS = 4;
  private static final jakarta.json.spi.JsonProvider JSON = jakarta.json.spi.JsonProvider.provider();

  private ApiHttp() {}

  /** Submits {@code n} no-op tasks in batches of {@value #BATCH} from a few concurrent clients; returns their ids. */
  static Set<String> submitNoops(URI manager, int n) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(SUBMITTERS);
    try {
      List<Future<List<String>>> batches = new ArrayList<>();
      for (int sent = 0; sent < n; sent += BATCH) {
        String payload = "{\"tasks\":[" + String.join(",", Collections.nCopies(Math.min(BATCH, n - sent), "{\"type\":\"noop\"}")) + "]}";
        batches.add(pool.submit(() -> postBatch(manager, payload)));
      }
      Set<String> ids = new HashSet<>();
      for (Future<List<String>> f : batches) {
        ids.addAll(f.get());
      }
      return ids;
    } finally {
      pool.shutdown();
    }
  }

  /** How many tasks have completed since the cluster began (from the system status). */
  static long completedTotal(URI manager) throws Exception {
    return getJson(manager, "/api/system/status").getJsonObject("throughput").getJsonNumber("completed_total").longValue();
  }

  private static List<String> postBatch(URI manager, String json) throws Exception {
    HttpResponse<String> r =
        CLIENT.send(
            HttpRequest.newBuilder(manager.resolve("/api/tasks/batch"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 201) {
      throw new IllegalStateException("/api/tasks/batch answered " + r.statusCode() + ": " + r.body());
    }
    return parse(r.body()).getJsonArray("tasks").stream().map(v -> v.asJsonObject().getString("id")).toList();
  }

  static JsonObject getJson(URI manager, String path) throws Exception {
    HttpResponse<String> r =
        CLIENT.send(HttpRequest.newBuilder(manager.resolve(path)).timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
    }
    return parse(r.body());
  }

  /** POSTs a JSON body; returns the answer's JSON (2xx), or fails naming the status and the body. */
  static JsonObject postJson(URI manager, String path, String json) throws Exception {
    String body = post(manager, path, json);
    return parse(body);
  }

  /** POSTs a JSON body (may be empty); returns the answer's body (2xx), or fails naming the status. */
  static String post(URI manager, String path, String json) throws Exception {
    HttpResponse<String> r = send(manager, path, json);
    if (r.statusCode() / 100 != 2) {
      throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  /** POSTs a JSON body (may be empty); returns the status, whatever it is. */
  static int postForStatus(URI manager, String path, String json) throws Exception {
    return send(manager, path, json).statusCode();
  }

  private static HttpResponse<String> send(URI manager, String path, String json) throws Exception {
    return CLIENT.send(
            HttpRequest.newBuilder(manager.resolve(path))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static JsonObject parse(String body) {
    return JSON.createReader(new StringReader(body)).readObject();
  }
}
