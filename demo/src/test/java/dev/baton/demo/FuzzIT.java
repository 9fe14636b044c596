package dev.baton.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.client.TaskRequest;
import dev.baton.testing.Http;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Thousands of generated requests against every endpoint of the API: random and mutated JSON, wrong types, huge and
 * deeply nested bodies, odd unicode, bad paths, query strings and headers, wrong methods, with and without
 * credentials. None may be a 5xx or show a stack trace, a refused one stores nothing, and the cluster completes
 * tasks afterwards. The seed is printed, so a failure can be played again (-Dfuzz.seed=...).
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
@ExtendWith(SharedCluster.class)
class FuzzIT {
  private static final int REQUESTS = Integer.getInteger("fuzz.requests", 4000);
  private static final Duration BUDGET = Duration.ofMinutes(4);
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  private static Cluster cluster;
  private static Http admin;
  private static String adminAuth;
  private static String operatorAuth;
  private static String viewerAuth;
  private static String realTask;

  /** A path template: {id} gets a real id, a fuzzed one or garbage; the role says which credentials may change things. */
  private record Route(String method, String path, boolean body) {}

  private static final List<Route> ROUTES =
      List.of(
          new Route("POST", "api/tasks", true),
          new Route("POST", "api/tasks/batch", true),
          new Route("GET", "api/tasks", false),
          new Route("GET", "api/tasks/{id}", false),
          new Route("GET", "api/tasks/{id}/status", false),
          new Route("GET", "api/tasks/{id}/graph", false),
          new Route("POST", "api/tasks/{id}/cancel", false),
          new Route("POST", "api/tasks/{id}/retry", false),
          new Route("POST", "api/tasks/{id}/migrate", true),
          new Route("POST", "api/tasks/retry", true),
          new Route("POST", "api/tasks/purge", true),
          new Route("DELETE", "api/tasks/{id}", false),
          new Route("GET", "api/workers", false),
          new Route("GET", "api/workers/{id}", false),
          new Route("POST", "api/workers/{id}/fail", true),
          new Route("POST", "api/workers/{id}/overload", true),
          new Route("POST", "api/workers/{id}/recover", false),
          new Route("GET", "api/queues", false),
          new Route("GET", "api/queues/{id}", false),
          new Route("PUT", "api/queues/{id}", true),
          new Route("POST", "api/queues/{id}/pause", false),
          new Route("GET", "api/queue", false),
          new Route("GET", "api/queue/stats", false),
          new Route("POST", "api/queue/add", true),
          new Route("GET", "api/queue/{id}", false),
          new Route("POST", "api/queue/{id}/cancel", false),
          new Route("GET", "api/schedules", false),
          new Route("POST", "api/schedules", true),
          new Route("PUT", "api/schedules/{id}", true),
          new Route("GET", "api/webhooks", false),
          new Route("POST", "api/webhooks", true),
          new Route("GET", "api/system/status", false),
          new Route("GET", "api/system/events", false),
          new Route("POST", "api/echo", true),
          new Route("GET", "api/scenarios", false),
          new Route("GET", "api/scenarios/runs/{id}", false),
          new Route("GET", "api/me", false),
          new Route("GET", "api/users", false),
          new Route("PUT", "api/users/{id}", true),
          new Route("GET", "api/tokens", false),
          new Route("POST", "api/tokens", true),
          new Route("DELETE", "api/tokens/{id}", false));

  /** Which routes an admin's credentials may reach in this test: the others get an operator's or less (no schedule may fire, no worker die). */
  private static boolean adminMay(Route r) {
    return !(r.path.startsWith("api/schedules") && !r.method.equals("GET"))
        && !(r.path.startsWith("api/workers/") && r.method.equals("POST"))
        && !r.path.equals("api/tasks/purge")
        && !(r.path.equals("api/tasks/{id}") && r.method.equals("DELETE"))
        && !r.path.startsWith("api/webhooks");
  }

  @BeforeAll
  static void credentials(Cluster shared) {
    cluster = shared;
    admin = cluster.api();
    adminAuth = basic("admin", cluster.adminPassword());
    for (String role : List.of("operator", "viewer")) {
      String name = "fuzz-" + role;
      admin.method("PUT", "api/users/" + name, "{\"role\":\"" + role + "\",\"password\":\"fuzz-password-of-" + role + "\"}");
      if (role.equals("operator")) {
        operatorAuth = basic(name, "fuzz-password-of-" + role);
      } else {
        viewerAuth = basic(name, "fuzz-password-of-" + role);
      }
    }
    realTask = admin.post("api/tasks", "{\"type\":\"noop\",\"label\":\"fuzz anchor\"}").json().getString("id");
  }

  private static String basic(String user, String password) {
    return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void thousandsOfGeneratedRequestsGetNo5xxNoStackTraceAndStoreNothingWhenRefused() throws Exception {
    long seed = Long.getLong("fuzz.seed", System.nanoTime());
    System.out.println("fuzz: seed " + seed + " (-Dfuzz.seed=" + seed + " plays it again)");
    Random random = new Random(seed);
    long tasksBefore = total("api/tasks?limit=1");
    int usersBefore = admin.get("api/users").json().getInt("count");
    int tokensBefore = admin.get("api/tokens").json().getInt("count");
    Map<String, Integer> byStatus = new TreeMap<>();
    List<String> wrong = new ArrayList<>();
    long created = 0;
    int usersMade = 0;
    int tokensMade = 0;
    int sent = 0;
    long deadline = System.nanoTime() + BUDGET.toNanos();
    for (; sent < REQUESTS && System.nanoTime() < deadline; sent++) {
      Route route = ROUTES.get(random.nextInt(ROUTES.size()));
      String method = random.nextInt(12) == 0 ? pick(random, "GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD") : route.method;
      String auth = credentials(random, route);
      String path = route.path.replace("{id}", id(random)) + query(random);
      byte[] body = route.body || random.nextInt(8) == 0 ? body(random, route) : null;
      HttpResponse<String> r;
      try {
        r = send(method, path, body, auth, random);
      } catch (IllegalArgumentException | IOException bad) {
        // the client itself refused to send it (an illegal URI or header): not a request the server saw
        byStatus.merge("not sent", 1, Integer::sum);
        continue;
      }
      int status = r.statusCode();
      byStatus.merge(Integer.toString(status), 1, Integer::sum);
      String text = r.body() == null ? "" : r.body();
      String what = method + " /" + path.substring(0, Math.min(path.length(), 120)) + " -> " + status + " " + text.substring(0, Math.min(200, text.length()));
      if (status >= 500) {
        wrong.add("5xx: " + what);
      }
      if (text.contains("\tat ") || text.contains("Caused by:") || text.matches("(?s).*\\.java:\\d+\\).*")) {
        wrong.add("stack trace: " + what);
      }
      if (status >= 400 && !method.equals("HEAD") && !text.isEmpty() && !r.headers().firstValue("Content-Type").orElse("").contains("json")) {
        wrong.add("not a problem+json: " + what);
      }
      // 201 only: a 200 is the repeat of an Idempotency-Key (k-0..k-49 recur), which answers the task it made before
      if (status == 201 && method.equals("POST") && (path.startsWith("api/tasks?") || path.equals("api/tasks") || path.startsWith("api/queue/add"))) {
        created++;
      }
      if (status == 204 && method.equals("DELETE") && path.startsWith("api/tasks/")) {
        created--; // an operator may delete a finished task: the anchor task, when the dice pick it
      }
      if (status == 201 && method.equals("POST") && path.startsWith("api/tasks/batch")) {
        created += jakarta.json.Json.createReader(new java.io.StringReader(text)).readObject().getInt("count");
      }
      if (status == 201 && method.equals("PUT") && path.startsWith("api/users/")) {
        usersMade++;
      }
      if (status == 201 && method.equals("POST") && path.startsWith("api/tokens")) {
        tokensMade++;
      }
    }
    System.out.println("fuzz: " + sent + " requests, by status: " + byStatus + "; accepted tasks " + created + ", users " + usersMade + ", tokens " + tokensMade);
    assertTrue(wrong.isEmpty(), wrong.size() + " wrong answers:\n" + String.join("\n", wrong.subList(0, Math.min(40, wrong.size()))));
    assertTrue(sent >= Math.min(REQUESTS, 2000), "only " + sent + " requests in " + BUDGET);
    assertEquals(usersBefore + usersMade, admin.get("api/users").json().getInt("count"), "users: only the accepted requests made some");
    assertEquals(tokensBefore + tokensMade, admin.get("api/tokens").json().getInt("count"), "tokens: only the accepted requests made some");
    assertEquals(tasksBefore + created, total("api/tasks?limit=1"), "tasks: only the accepted requests made some");

    // and the cluster still works
    var client = cluster.client();
    var ids = new ArrayList<String>();
    for (int i = 0; i < 10; i++) {
      ids.add(client.submit(TaskRequest.of("noop").label("after the fuzz")).id());
    }
    for (String id : ids) {
      assertEquals(dev.baton.client.TaskStatus.COMPLETED, client.await(id, Duration.ofSeconds(60)).status());
    }
  }

  private static long total(String path) {
    return admin.get(path).json().getJsonNumber("total").longValue();
  }

  private static String credentials(Random random, Route route) {
    return switch (random.nextInt(10)) {
      case 0 -> null;
      case 1 -> pick(random, "Basic", "Bearer", "Basic ===", "Bearer baton_" + "A".repeat(43), "Digest x", "Basic " + "Z".repeat(5000), "\u00e9\u00e8");
      case 2, 3 -> viewerAuth;
      case 4, 5, 6 -> operatorAuth;
      default -> adminMay(route) ? adminAuth : operatorAuth;
    };
  }

  private static String id(Random random) {
    return switch (random.nextInt(8)) {
      case 0, 1 -> realTask;
      case 2 -> "nope";
      case 3 -> enc(text(random, 1 + random.nextInt(40)));
      case 4 -> "..%2F..%2Fetc%2Fpasswd";
      case 5 -> "x".repeat(2000 + random.nextInt(6000));
      case 6 -> "%00%ff%fe";
      default -> "worker-" + random.nextInt(5);
    };
  }

  private static String query(Random random) {
    if (random.nextInt(3) != 0) {
      return "";
    }
    StringBuilder q = new StringBuilder("?");
    int n = 1 + random.nextInt(4);
    for (int i = 0; i < n; i++) {
      String key = pick(random, "status", "type", "limit", "offset", "sort", "order", "q", "queue", "worker", "before", "after", "queue", "x");
      String value =
          switch (random.nextInt(7)) {
            case 0 -> Integer.toString(random.nextInt());
            case 1 -> "-1";
            case 2 -> "%zz";
            case 3 -> enc(text(random, random.nextInt(300)));
            case 4 -> "9".repeat(40);
            case 5 -> "FAILED,DEAD,NOPE";
            default -> "";
          };
      q.append(i == 0 ? "" : "&").append(key).append('=').append(value);
    }
    return q.toString();
  }

  private static byte[] body(Random random, Route route) {
    String json =
        switch (random.nextInt(14)) {
          case 0 -> "";
          case 1 -> "[".repeat(5000) + "]".repeat(5000);
          case 2 -> "{\"a\":".repeat(3000) + "1" + "}".repeat(3000);
          case 3 -> "{\"type\":\"noop\",\"label\":\"" + "x".repeat(2_000_000) + "\"}";
          case 4 -> "{\"type\":\"noop\"";
          case 5 -> "null";
          case 6 -> "1e999999";
          case 7 -> "{\"type\":\"noop\",\"label\":\"" + odd(random) + "\"}";
          case 8 -> randomJson(random, 4).toString();
          default -> mutate(random, valid(route, random));
        };
    if (random.nextInt(30) == 0) {
      byte[] b = json.getBytes(StandardCharsets.UTF_8);
      byte[] broken = java.util.Arrays.copyOf(b, b.length + 2);
      broken[b.length] = (byte) 0xC3; // a UTF-8 sequence cut short
      broken[b.length + 1] = (byte) 0x28;
      return broken;
    }
    return json.getBytes(StandardCharsets.UTF_8);
  }

  /** A request the route would take, to mutate. */
  private static String valid(Route route, Random random) {
    return switch (route.path) {
      case "api/tasks" -> "{\"type\":\"noop\",\"priority\":5,\"label\":\"fuzz\",\"max_retries\":1,\"data\":{}}";
      case "api/tasks/batch" -> "{\"tasks\":[{\"type\":\"noop\",\"ref\":\"a\"},{\"type\":\"noop\",\"depends_on\":[\"a\"]}]}";
      case "api/queue/add" -> "{\"task_type\":\"noop\",\"config\":{},\"label\":\"fuzz\",\"priority\":3}";
      case "api/users/{id}" -> "{\"role\":\"viewer\",\"password\":\"fuzz-" + random.nextInt(1000) + "-password\"}";
      case "api/tokens" -> "{\"name\":\"fuzz\",\"role\":\"viewer\",\"expires_in_days\":1}";
      case "api/tasks/{id}/migrate" -> "{\"target\":\"worker-2\"}";
      case "api/tasks/retry" -> "{\"status\":\"FAILED\"}";
      case "api/queues/{id}" -> "{\"concurrency\":2,\"rate_limit\":{\"max\":10,\"per_ms\":1000}}";
      case "api/schedules", "api/schedules/{id}" -> "{\"name\":\"fuzz\",\"cron\":\"0 0 1 1 *\",\"task\":{\"type\":\"noop\"}}";
      case "api/webhooks" -> "{\"url\":\"http://127.0.0.1:1/\",\"events\":[\"task.completed\"],\"secret\":\"0123456789abcdef\"}";
      case "api/workers/{id}/overload" -> "{\"factor\":2,\"seconds\":1}";
      default -> "{}";
    };
  }

  /** One change to a JSON text: a value of another type, an unknown field, a removed character, a huge number. */
  private static String mutate(Random random, String json) {
    if (json.length() < 3) {
      return json;
    }
    int at = 1 + random.nextInt(json.length() - 2);
    return switch (random.nextInt(8)) {
      case 0 -> json.substring(0, at) + json.substring(at + 1);
      case 1 -> json.replaceFirst(":\\s*\"[^\"]*\"", quote(":" + pick(random, "1", "true", "null", "[]", "{}", "-7", "1e400")));
      case 2 -> json.replaceFirst(":\\s*-?\\d+", quote(":" + pick(random, "\"5\"", "99999999999999999999", "-1", "1.5", "null", "[1]")));
      case 3 -> json.replaceFirst("\\{", quote("{\"" + text(random, 8) + "\":" + pick(random, "1", "\"x\"", "{}", "[]") + ","));
      case 4 -> json.replace("\"noop\"", pick(random, "\"NOOP\"", "\"\"", "\"no\\u0000op\"", "\"" + odd(random) + "\"", "1"));
      case 5 -> json.substring(0, at) + odd(random) + json.substring(at);
      case 6 -> "[" + json + "," + json + "]";
      default -> json;
    };
  }

  private static String quote(String replacement) {
    return java.util.regex.Matcher.quoteReplacement(replacement);
  }

  private static jakarta.json.JsonValue randomJson(Random random, int depth) {
    int kind = depth == 0 ? random.nextInt(4) : random.nextInt(6);
    return switch (kind) {
      case 0 -> jakarta.json.JsonValue.NULL;
      case 1 -> random.nextInt(3) == 0 ? jakarta.json.Json.createValue(random.nextDouble() * 1e30) : jakarta.json.Json.createValue(random.nextInt());
      case 2 -> random.nextBoolean() ? jakarta.json.JsonValue.TRUE : jakarta.json.JsonValue.FALSE;
      case 3 -> jakarta.json.Json.createValue(text(random, random.nextInt(20)));
      case 4 -> {
        var a = jakarta.json.Json.createArrayBuilder();
        for (int i = random.nextInt(4); i > 0; i--) {
          a.add(randomJson(random, depth - 1));
        }
        yield a.build();
      }
      default -> {
        var o = jakarta.json.Json.createObjectBuilder();
        for (int i = random.nextInt(5); i > 0; i--) {
          o.add(pick(random, "type", "priority", "data", "label", "tasks", "name", "role", "password", "queue", text(random, 5)), randomJson(random, depth - 1));
        }
        yield o.build();
      }
    };
  }

  private static String odd(Random random) {
    return pick(random, "\\ud800", "\u202e\u202d", "\u200b\ufeff", "\\u0000", "\u0001\u001f", "😀🧨", "ﷺ", "\\\\\\\"", "\u00ad", "𝔘𝔫𝔦");
  }

  private static String text(Random random, int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append(random.nextInt(5) == 0 ? (char) (0x80 + random.nextInt(0x2000)) : (char) (0x20 + random.nextInt(0x5f)));
    }
    return b.toString();
  }

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @SafeVarargs
  private static <T> T pick(Random random, T... choices) {
    return choices[random.nextInt(choices.length)];
  }

  private static HttpResponse<String> send(String method, String path, byte[] body, String auth, Random random) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(cluster.managerUrl() + path)).timeout(Duration.ofSeconds(60));
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    if (body != null) {
      b.header("Content-Type", pick(random, "application/json", "application/json", "application/json", "text/plain", "application/xml", "application/json; charset=ISO-8859-1"));
    }
    if (auth != null) {
      b.header("Authorization", auth);
    }
    if (random.nextInt(10) == 0) {
      b.header("Idempotency-Key", pick(random, "", " ", "x".repeat(300), "k-" + random.nextInt(50), "\u00e9"));
    }
    if (random.nextInt(10) == 0) {
      b.header("Accept", pick(random, "application/xml", "*/*", "text/html", "application/json;q=0"));
    }
    if (random.nextInt(20) == 0) {
      b.header("Last-Event-ID", pick(random, "nope", "-1", "9".repeat(50)));
    }
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
