package dev.baton.demo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.testing.Http;
import dev.baton.testing.Http.Answer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a local attacker tried on a running cluster (issue 20), and what they get now: odd spellings of protected paths
 * (percent-encoded letters and slashes, ;params, //, /./, /x/../, case, trailing dots, NUL) never answer without
 * credentials and store nothing; the API takes JSON only; a request a page of another origin made a browser send
 * changes nothing and the console's cookie counts for nothing on the API; a demoted or deleted user's tokens and open
 * streams follow within seconds, on the manager and on a worker; queues are controlled by their owner or an admin;
 * webhooks do not reach loopback unless an admin allows it; listings page by cursor; a worker's API shows each caller
 * their own running tasks.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@ExtendWith(SharedCluster.class)
class LocalAttackerIT {
  private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
  private static Cluster cluster;
  private static Http admin;
  private static int managerPort;
  private static URI workerUrl;

  @BeforeAll
  static void connect(Cluster shared) {
    cluster = shared;
    admin = cluster.api();
    managerPort = cluster.managerUrl().getPort();
    workerUrl = URI.create(admin.get("api/workers/worker-1").json().getString("url") + "/");
  }

  // ----------------------------------------------------------------------------------------------
  // Helpers

  /** An answer read off the socket: the request goes out exactly as written (no client tidies the path). */
  record Raw(int status, String location, String body) {}

  static Raw raw(int port, String method, String target, Map<String, String> headers, String body) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(30_000);
      byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
      StringBuilder req = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n");
      headers.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
      if (body != null) {
        req.append("Content-Length: ").append(content.length).append("\r\n");
      }
      req.append("\r\n");
      OutputStream out = s.getOutputStream();
      out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(content);
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      String text = all.toString(StandardCharsets.ISO_8859_1);
      int blank = text.indexOf("\r\n\r\n");
      String head = blank < 0 ? text : text.substring(0, blank);
      String[] first = head.split("\r\n", 2)[0].split(" ");
      String location = null;
      for (String line : head.split("\r\n")) {
        if (line.toLowerCase(java.util.Locale.ROOT).startsWith("location:")) {
          location = line.substring(9).trim();
        }
      }
      return new Raw(Integer.parseInt(first[1]), location, blank < 0 ? "" : text.substring(blank + 4));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A base path (one leading slash) as an attacker spells it: encoded letters and slashes, params, dots, case, NUL. */
  static List<String> spellings(String path) {
    String rest = path.substring(1);
    int slash = rest.indexOf('/');
    String first = slash < 0 ? rest : rest.substring(0, slash);
    String after = slash < 0 ? "" : rest.substring(slash);
    Set<String> out = new LinkedHashSet<>();
    out.add(path);
    out.add("/%" + Integer.toHexString(first.charAt(0)) + first.substring(1) + after);
    out.add("/" + first.charAt(0) + "%" + Integer.toHexString(first.charAt(1)).toUpperCase(java.util.Locale.ROOT) + first.substring(2) + after);
    out.add("/" + first + after.replace("/", "%2F"));
    out.add("/" + first + after.replace("/", "%2f"));
    out.add("/" + first + ";x=1" + after);
    out.add(path + ";jsessionid=0123456789");
    out.add("/" + path);
    out.add("/./" + rest);
    out.add("/x/../" + rest);
    out.add("/%2e/" + rest);
    out.add("/x/%2e%2e/" + rest);
    out.add("/login.xhtml/../" + rest);
    out.add("/baton/../" + rest);
    out.add("/baton/..%2f" + rest);
    out.add("/jakarta.faces.resource/..%2F" + rest);
    out.add("/health/%2e%2e/" + rest);
    out.add("/openapi/ui/..%2F..%2F" + rest);
    out.add(path.toUpperCase(java.util.Locale.ROOT));
    out.add("/" + Character.toUpperCase(first.charAt(0)) + first.substring(1) + after);
    out.add("/" + first + "." + after);
    out.add(path + ".");
    out.add(path + "/");
    out.add(path + "%00");
    out.add("/" + first + "%00" + after);
    out.add("/" + first + after.replace("/", "\\"));
    out.add("/" + first + "//" + after.substring(Math.min(1, after.length())));
    return List.copyOf(out);
  }

  /**
   * A refusal: 400, 401, 403, 404, 405, or a redirect - to the login page, or (the container's own, e.g. a folder's
   * missing slash) to a path that is refused in turn. Never 2xx, never the protected content.
   */
  static void refused(int port, Raw r, String what, String... contents) {
    assertTrue(
        r.status() == 400 || r.status() == 401 || r.status() == 403 || r.status() == 404 || r.status() == 405 || r.status() / 100 == 3,
        what + " answered " + r.status() + ": " + r.body().substring(0, Math.min(300, r.body().length())));
    for (String c : contents) {
      assertFalse(r.body().contains(c), what + " showed " + c);
    }
    if (r.status() / 100 == 3) {
      assertNotNull(r.location(), what);
      URI to = URI.create("http://127.0.0.1:" + port + "/").resolve(r.location());
      if (!to.getPath().equals("/login.xhtml")) {
        Raw next = raw(port, "GET", to.getRawPath() + (to.getRawQuery() == null ? "" : "?" + to.getRawQuery()), Map.of(), null);
        assertTrue(next.status() / 100 == 3 && next.location() != null && next.location().contains("/login.xhtml") || next.status() / 100 == 4,
            what + " led on to " + to + ", which answered " + next.status());
        for (String c : contents) {
          assertFalse(next.body().contains(c), what + " led on to " + c);
        }
      }
    }
  }

  private static String password(String user) {
    return "pw-of-" + user + "-" + RUN;
  }

  private static Http user(String name, String role) {
    Answer a = admin.method("PUT", "api/users/" + name, "{\"role\":\"" + role + "\",\"password\":\"" + password(name) + "\"}");
    assertEquals(201, a.status(), a.toString());
    return admin.basic(name, password(name));
  }

  private static String token(String owner, String role) {
    Answer t = admin.post("api/tokens", "{\"name\":\"t\",\"owner\":\"" + owner + "\",\"role\":\"" + role + "\"}");
    assertEquals(201, t.status(), t.toString());
    return t.json().getString("token");
  }

  private static long tasksLabelled(String label) {
    return admin.get("api/tasks?q=" + label + "&limit=1").json().getJsonNumber("total").longValue();
  }

  // ----------------------------------------------------------------------------------------------
  // 1. Paths

  @Test
  void noSpellingOfAProtectedPathOfTheManagerAnswersWithoutCredentials() {
    String task = admin.post("api/tasks", "{\"type\":\"noop\"}").json().getString("id");
    List<String> bases =
        List.of("/console/workers.xhtml", "/console/tasks.xhtml", "/console/task.xhtml?id=" + task, "/console/schedules.xhtml",
            "/console/queues.xhtml", "/console/events.xhtml", "/console/create.xhtml", "/console/webhooks.xhtml", "/console/index.xhtml",
            "/api/system/status", "/api/tasks", "/api/users", "/api/tokens", "/api/workers", "/api/me", "/jakarta.faces.push/cluster?x");
    int tried = 0;
    for (String base : bases) {
      String query = base.contains("?") ? base.substring(base.indexOf('?')) : "";
      for (String p : spellings(query.isEmpty() ? base : base.substring(0, base.indexOf('?')))) {
        Raw r = raw(managerPort, "GET", p + query, Map.of(), null);
        // the page's words and the API's fields (not "status": every problem has it; not the task's id, which the attacker
      // sent and a redirect may echo)
        refused(managerPort, r, "GET " + p + query, "Log out", "worker-1", "\"components\"", "\"tasks\":[", "\"users\":[", "\"tokens\":[",
            "\"workers\":[", "\"role\"", "noop");
        tried++;
      }
    }
    System.out.println("PATHS manager: " + tried + " spellings of " + bases.size() + " protected paths refused");
  }

  @Test
  void noSpellingOfAWorkersApiAnswersWithoutCredentials() {
    int tried = 0;
    for (String p : spellings("/api/worker")) {
      Raw r = raw(workerUrl.getPort(), "GET", p, Map.of(), null);
      refused(workerUrl.getPort(), r, "worker GET " + p, "worker_id", "running_tasks");
      tried++;
    }
    assertEquals(200, raw(workerUrl.getPort(), "GET", "/health/ready", Map.of(), null).status(), "probes stay open");
    System.out.println("PATHS worker: " + tried + " spellings refused");
  }

  @Test
  void aChangeSentThroughAnOddPathStoresNothing() {
    String label = "odd-path-" + RUN;
    String body = "{\"type\":\"noop\",\"label\":\"" + label + "\"}";
    for (String p : spellings("/api/tasks")) {
      refused(managerPort, raw(managerPort, "POST", p, Map.of("Content-Type", "application/json"), body), "POST " + p);
    }
    for (String p : spellings("/api/workers/worker-1/fail")) {
      refused(managerPort, raw(managerPort, "POST", p, Map.of("Content-Type", "application/json"), "{}"), "POST " + p);
    }
    assertEquals(0, tasksLabelled(label), "nothing was stored");
    assertTrue(admin.get("api/workers/worker-1").json().getBoolean("alive"), "no worker was broken");
  }

  // ----------------------------------------------------------------------------------------------
  // 2. JSON only

  @Test
  void everyJsonOperationTakesJsonOnly() {
    String label = "not-json-" + RUN;
    List<String> types = List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml");
    int tried = 0;
    List<SecurityIT.Endpoint> changing =
        Stream.concat(
                SecurityIT.ENDPOINTS.stream().filter(e -> !e.method().equals("GET")),
                Stream.of(new SecurityIT.Endpoint("POST", "api/tasks", "{\"type\":\"noop\",\"label\":\"" + label + "\"}", "operator")))
            .toList();
    for (SecurityIT.Endpoint e : changing) {
      // a DELETE takes no body (the server refuses one with 400 before anything runs): its Content-Type alone is checked
      String body = e.method().equals("DELETE") ? null : e.body() == null ? "{}" : e.body();
      for (String type : types) {
        Raw r = raw(managerPort, e.method(), "/" + e.path(), Map.of("Content-Type", type, "Authorization", basicAdmin()), body);
        assertEquals(415, r.status(), e + " as " + type + ": " + r.body());
        assertTrue(r.body().contains("unsupported-media-type") && r.body().contains("\"field\":\"Content-Type\""), r.body());
        tried++;
      }
      if (body != null) {
        Raw none = raw(managerPort, e.method(), "/" + e.path(), Map.of("Authorization", basicAdmin()), body);
        assertEquals(415, none.status(), e + " without a Content-Type: " + none.body());
      }
    }
    assertEquals(0, tasksLabelled(label), "nothing was stored");
    Raw json = raw(managerPort, "POST", "/api/tasks", Map.of("Content-Type", "application/json; charset=UTF-8", "Authorization", basicAdmin()),
        "{\"type\":\"noop\",\"label\":\"" + label + "\"}");
    assertEquals(201, json.status(), "JSON goes in: " + json.body());
    System.out.println("CONTENT TYPES: " + tried + " non-JSON requests to " + changing.size() + " operations refused 415");
  }

  private static String basicAdmin() {
    return "Basic " + java.util.Base64.getEncoder().encodeToString(("admin:" + cluster.adminPassword()).getBytes(StandardCharsets.UTF_8));
  }

  // ----------------------------------------------------------------------------------------------
  // 3. Requests of other origins; no cookie on the API

  @Test
  void aRequestAPageOfAnotherOriginMadeChangesNothing() {
    String label = "cross-site-" + RUN;
    String body = "{\"type\":\"noop\",\"label\":\"" + label + "\"}";
    Map<String, String> json = Map.of("Content-Type", "application/json", "Authorization", basicAdmin());
    for (Map<String, String> from : List.of(
        Map.of("Sec-Fetch-Site", "same-site"), Map.of("Sec-Fetch-Site", "cross-site"), Map.of("Origin", "http://127.0.0.1:3000"),
        Map.of("Origin", "null"))) {
      Map<String, String> h = new java.util.HashMap<>(json);
      h.putAll(from);
      Raw r = raw(managerPort, "POST", "/api/tasks", h, body);
      assertEquals(403, r.status(), from + ": " + r.body());
      assertTrue(r.body().contains("another origin"), r.body());
      assertEquals(403, raw(managerPort, "POST", "/api/workers/worker-1/fail", h, "{}").status(), from.toString());
    }
    assertEquals(0, tasksLabelled(label), "nothing was stored");
    Map<String, String> own = new java.util.HashMap<>(json);
    own.put("Origin", "http://127.0.0.1:" + managerPort);
    own.put("Sec-Fetch-Site", "same-origin");
    assertEquals(201, raw(managerPort, "POST", "/api/tasks", own, body).status(), "the console's own origin may");
  }

  @Test
  void theConsolesLoginCountsForNothingOnTheApi() throws Exception {
    var cookies = new java.net.CookieManager();
    HttpClient browserLike = HttpClient.newBuilder().cookieHandler(cookies).version(HttpClient.Version.HTTP_1_1).build();
    String page = browserLike.send(HttpRequest.newBuilder(cluster.managerUrl().resolve("/login.xhtml")).build(), HttpResponse.BodyHandlers.ofString()).body();
    var m = java.util.regex.Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"").matcher(page);
    assertTrue(m.find(), "the login form");
    String form =
        "login=login&login%3Auser=admin&login%3Apassword=" + java.net.URLEncoder.encode(cluster.adminPassword(), StandardCharsets.UTF_8)
            + "&login%3Asubmit=&jakarta.faces.ViewState=" + java.net.URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
    HttpResponse<String> login =
        browserLike.send(
            HttpRequest.newBuilder(cluster.managerUrl().resolve("/login.xhtml"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(302, login.statusCode(), "logged in: " + login.body());
    assertEquals(
        200,
        browserLike.send(HttpRequest.newBuilder(cluster.managerUrl().resolve("/console/tasks.xhtml")).build(), HttpResponse.BodyHandlers.ofString())
            .statusCode(),
        "the console takes the login");
    HttpResponse<String> api =
        browserLike.send(HttpRequest.newBuilder(cluster.managerUrl().resolve("/api/system/status")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(401, api.statusCode(), "the API does not: " + api.body());
  }

  // ----------------------------------------------------------------------------------------------
  // 4. Demotion and deletion follow at once, everywhere

  @Test
  void aTokenNeverDoesMoreThanItsOwnerMayNowOnTheManagerAndOnAWorker() {
    String name = "tok-" + RUN;
    user(name, "operator");
    String secret = token(name, "operator");
    Http token = admin.anonymous().bearer(secret);
    Http onWorker = new Http(workerUrl).bearer(secret);
    assertEquals(201, token.post("api/tasks", "{\"type\":\"noop\"}").status(), "an operator's token submits");
    assertEquals(200, onWorker.get("api/worker").status(), "and reads a worker");

    assertEquals(200, admin.method("PUT", "api/users/" + name, "{\"role\":\"viewer\"}").status());
    Answer demoted = token.post("api/tasks", "{\"type\":\"noop\"}");
    assertEquals(403, demoted.status(), "the owner is a viewer now, so is the token: " + demoted);
    assertEquals(200, token.get("api/tasks?limit=1").status(), "it still reads");

    assertEquals(204, admin.method("DELETE", "api/users/" + name).status());
    assertEquals(401, token.get("api/tasks?limit=1").status(), "dead with its owner");
    await("the worker forgot it too")
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> onWorker.get("api/worker").status() == 401);
  }

  @Test
  void aNewPasswordEndsTheOldOneOnAWorkerWithinSeconds() {
    String name = "pw-" + RUN;
    user(name, "viewer");
    Http onWorker = new Http(workerUrl).basic(name, password(name));
    assertEquals(200, onWorker.get("api/worker").status());
    assertEquals(200, admin.method("PUT", "api/users/" + name, "{\"password\":\"" + password(name) + "-new\"}").status());
    await("the worker no longer takes the old password")
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> onWorker.get("api/worker").status() == 401);
    assertEquals(200, new Http(workerUrl).basic(name, password(name) + "-new").get("api/worker").status());
  }

  @Test
  void anOpenEventStreamSeesLessWhenItsUserIsDemotedAndEndsWhenTheUserIsDeleted() throws Exception {
    String name = "sse-" + RUN;
    Http self = user(name, "admin");
    List<String> lines = new CopyOnWriteArrayList<>();
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    CompletableFuture<HttpResponse<Stream<String>>> opened =
        client.sendAsync(
            HttpRequest.newBuilder(cluster.managerUrl().resolve("/api/system/events/stream"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString((name + ":" + password(name)).getBytes(StandardCharsets.UTF_8)))
                .build(),
            HttpResponse.BodyHandlers.ofLines());
    HttpResponse<Stream<String>> stream = opened.get(30, TimeUnit.SECONDS);
    assertEquals(200, stream.statusCode());
    CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> stream.body().forEach(lines::add));

    String before = admin.post("api/tasks", "{\"type\":\"noop\"}").json().getString("id");
    await("an admin's stream has everyone's events").atMost(Duration.ofSeconds(15)).until(() -> lines.stream().anyMatch(l -> l.contains(before)));

    // demoted to operator: their own tasks' events and the workers', nobody else's - once every manager has heard of it
    assertEquals(200, admin.method("PUT", "api/users/" + name, "{\"role\":\"operator\"}").status());
    await("the stream sees only the user's own tasks now")
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              String others = admin.post("api/tasks", "{\"type\":\"noop\"}").json().getString("id");
              String own = self.post("api/tasks", "{\"type\":\"noop\"}").json().getString("id"); // logged after the other's
              await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream().anyMatch(l -> l.contains(own) && l.contains("task.completed")));
              return lines.stream().noneMatch(l -> l.contains(others));
            });

    assertEquals(204, admin.method("DELETE", "api/users/" + name).status());
    reading.get(10, TimeUnit.SECONDS); // the stream ended
  }

  // ----------------------------------------------------------------------------------------------
  // 5. Queues

  @Test
  void onlyAnAdminOrTheQueuesOwnerControlsAQueue() {
    String alice = "qalice-" + RUN;
    String bob = "qbob-" + RUN;
    String queue = "owned-" + RUN;
    Http asAlice = user(alice, "operator");
    Http asBob = user(bob, "operator");
    Answer shared = asAlice.post("api/queues/default/pause", "");
    assertEquals(403, shared.status(), shared.toString());
    assertTrue(shared.body().contains("belongs to nobody"), shared.body());
    assertEquals(403, asBob.method("PUT", "api/queues/" + queue + "/owner", "{\"owner\":\"" + bob + "\"}").status(), "no operator hands out queues");
    assertEquals(422, admin.method("PUT", "api/queues/" + queue + "/owner", "{\"owner\":\"nobody-" + RUN + "\"}").status(), "an unknown user");

    Answer given = admin.method("PUT", "api/queues/" + queue + "/owner", "{\"owner\":\"" + alice + "\"}");
    assertEquals(200, given.status(), given.toString());
    assertEquals(alice, given.json().getString("owner"));
    assertEquals("paused", asAlice.post("api/queues/" + queue + "/pause", "").json().getString("state"), "its owner pauses it");
    Answer notHis = asBob.post("api/queues/" + queue + "/resume", "");
    assertEquals(403, notHis.status());
    assertTrue(notHis.body().contains("belongs to " + alice), notHis.body());
    assertEquals(403, asBob.post("api/queue/stop?queue=" + queue, "").status(), "seed 004's API asks the same");
    assertEquals("active", admin.post("api/queues/" + queue + "/resume", "").json().getString("state"), "an admin may");
    assertEquals("stopped", asAlice.post("api/queues/" + queue + "/stop", "").json().getString("state"));
    assertEquals("active", asAlice.post("api/queues/" + queue + "/start", "").json().getString("state"));
    assertEquals(200, admin.method("PUT", "api/queues/" + queue + "/owner", "{\"owner\":null}").status());
    assertEquals(403, asAlice.post("api/queues/" + queue + "/pause", "").status(), "given back: only admins now");
  }

  // ----------------------------------------------------------------------------------------------
  // 6. Webhooks

  @Test
  void aWebhookToLoopbackIsRefusedUntilAnAdminAllowsTheHost() throws Exception {
    int port = dev.baton.testing.FreePorts.find();
    long before = admin.get("api/webhooks").json().getInt("count");
    for (String url : List.of("http://127.0.0.1:" + port + "/hook", "http://localhost:" + port + "/", "http://169.254.169.254/latest/meta-data/",
        "http://[::1]:" + port + "/", "http://10.1.2.3/x")) {
      Answer a = admin.post("api/webhooks", "{\"url\":\"" + url + "\",\"events\":[\"task.completed\"],\"secret\":\"a-secret-of-some-length\"}");
      assertEquals(422, a.status(), url + ": " + a);
      assertEquals("url", a.json().getJsonArray("errors").getJsonObject(0).getString("field"));
      assertTrue(a.body().contains("allowed-hosts"), a.body());
    }
    assertEquals(before, admin.get("api/webhooks").json().getInt("count"), "nothing stored");
    Http operator = user("hookop-" + RUN, "operator");
    assertEquals(403, operator.method("PUT", "api/webhooks/allowed-hosts", "{\"hosts\":[\"127.0.0.1\"]}").status(), "admins only");

    try {
      assertEquals(200, admin.method("PUT", "api/webhooks/allowed-hosts", "{\"hosts\":[\"127.0.0.1:" + port + "\"]}").status());
      Answer allowed = admin.post("api/webhooks", "{\"url\":\"http://127.0.0.1:" + port + "/hook\",\"events\":[\"task.completed\"],\"secret\":\"a-secret-of-some-length\"}");
      assertEquals(201, allowed.status(), allowed.toString());
      String hook = allowed.json().getString("id");
      assertEquals(422, admin.post("api/webhooks", "{\"url\":\"http://127.0.0.1:" + (port + 1) + "/\",\"events\":[\"task.completed\"],\"secret\":\"a-secret-of-some-length\"}").status(),
          "another port is not allowed");
      // the host is no longer allowed: its deliveries are not even tried
      assertEquals(200, admin.method("PUT", "api/webhooks/allowed-hosts", "{\"hosts\":[]}").status());
      admin.post("api/tasks", "{\"type\":\"noop\"}");
      await("a delivery that was not sent")
          .atMost(Duration.ofSeconds(20))
          .until(() -> admin.get("api/webhooks/" + hook + "/deliveries").body().contains("not sent: it points at a loopback"));
      admin.method("DELETE", "api/webhooks/" + hook);
    } finally {
      admin.method("PUT", "api/webhooks/allowed-hosts", "{\"hosts\":[]}");
    }
  }

  // ----------------------------------------------------------------------------------------------
  // 7. Listings

  @Test
  void listingsPageByCursorAndCapTheOffset() {
    String label = "paged-" + RUN;
    StringBuilder batch = new StringBuilder("{\"tasks\":[");
    for (int i = 0; i < 25; i++) {
      batch.append(i == 0 ? "" : ",").append("{\"type\":\"noop\",\"label\":\"").append(label).append("\",\"priority\":").append(i % 3).append('}');
    }
    assertEquals(201, admin.post("api/tasks/batch", batch.append("]}").toString()).status());
    for (String sort : List.of("created", "priority")) {
      List<String> seen = new ArrayList<>();
      String next = null;
      do {
        var page = admin.get("api/tasks?q=" + label + "&sort=" + sort + "&limit=10" + (next == null ? "" : "&after=" + next)).json();
        assertEquals(25, page.getInt("total"));
        page.getJsonArray("tasks").forEach(t -> seen.add(t.asJsonObject().getString("id")));
        next = page.isNull("next") ? null : page.getString("next");
      } while (next != null);
      assertEquals(25, seen.size(), sort + ": every task");
      assertEquals(25, new LinkedHashSet<>(seen).size(), sort + ": each once");
    }
    String first = admin.get("api/tasks?q=" + label + "&limit=10").json().getString("next");
    assertEquals("offset", field(admin.get("api/tasks?type=noop&status=COMPLETED&offset=10001")), "two filters: Redis would walk");
    assertEquals("offset", field(admin.get("api/tasks?type=noop&sort=progress&offset=10001")), "a filter in another order");
    assertEquals("offset", field(user("deep-" + RUN, "viewer").get("api/tasks?type=noop&offset=10001")), "a user's own tasks: two filters");
    assertEquals(200, admin.get("api/tasks?type=noop&offset=10001&limit=1").status(), "one index read by rank: any offset");
    assertEquals("after", field(admin.get("api/tasks?after=not-a-cursor")));
    assertEquals("after", field(admin.get("api/tasks?q=" + label + "&sort=priority&after=" + first)), "another order's cursor");
    assertEquals("offset", field(admin.get("api/tasks?q=" + label + "&offset=5&after=" + first)));
    assertEquals(200, admin.get("api/tasks?offset=10000&limit=1").status());
  }

  private static String field(Answer a) {
    assertEquals(422, a.status(), a.toString());
    return a.json().getJsonArray("errors").getJsonObject(0).getString("field");
  }

  // ----------------------------------------------------------------------------------------------
  // 8. A worker's own API

  @Test
  void aWorkersApiShowsEachCallerTheirOwnRunningTasksAndAnAdminAll() {
    String alice = "walice-" + RUN;
    String bob = "wbob-" + RUN;
    Http asAlice = user(alice, "operator");
    user(bob, "operator");
    String task = asAlice.post("api/tasks", "{\"type\":\"sleep\",\"data\":{\"steps\":40,\"step_ms\":250}}").json().getString("id");
    try {
      await("her task runs").atMost(Duration.ofSeconds(30)).until(() -> "RUNNING".equals(admin.get("api/tasks/" + task).json().getString("status")));
      String where = admin.get("api/tasks/" + task).json().getString("worker_id");
      Http worker = new Http(URI.create(admin.get("api/workers/" + where).json().getString("url") + "/"));
      assertTrue(worker.basic("admin", cluster.adminPassword()).get("api/worker").body().contains(task), "an admin sees every task");
      assertTrue(worker.basic(alice, password(alice)).get("api/worker").body().contains(task), "she sees hers");
      Answer his = worker.basic(bob, password(bob)).get("api/worker");
      assertEquals(200, his.status());
      assertFalse(his.body().contains(task), "he does not see hers: " + his.body());
    } finally {
      admin.post("api/tasks/" + task + "/cancel", "");
    }
  }
}
