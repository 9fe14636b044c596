package dev.baton.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.client.BatonClient;
import dev.baton.client.ProblemException;
import dev.baton.client.TaskRequest;
import dev.baton.testing.Http;
import dev.baton.testing.Http.Answer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Who may do what through the API: every endpoint against no credentials, wrong ones, a revoked token, and each
 * role (as a password and as a token); users and tokens made and revoked by an admin; the workers' API.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@ExtendWith(SharedCluster.class)
class SecurityIT {
  private static Cluster cluster;
  private static Http admin;
  private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
  private static final Map<String, Http> AS = new java.util.LinkedHashMap<>();

  /** An endpoint and the least role that may use it. */
  record Endpoint(String method, String path, String body, String role) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  /**
   * Every endpoint, each with an argument that gets past the role check without changing anything (an unknown id, an
   * invalid body): so the matrix runs on the shared cluster and a wrong role check shows as a 2xx/4xx instead of a 403.
   */
  static final List<Endpoint> ENDPOINTS =
      List.of(
          new Endpoint("GET", "api/me", null, "viewer"),
          new Endpoint("GET", "api/tasks", null, "viewer"),
          new Endpoint("GET", "api/tasks/nope", null, "viewer"),
          new Endpoint("GET", "api/tasks/nope/status", null, "viewer"),
          new Endpoint("GET", "api/tasks/nope/graph", null, "viewer"),
          new Endpoint("GET", "api/workers", null, "viewer"),
          new Endpoint("GET", "api/workers/nope", null, "viewer"),
          new Endpoint("GET", "api/queues", null, "viewer"),
          new Endpoint("GET", "api/queues/default", null, "viewer"),
          new Endpoint("GET", "api/queue", null, "viewer"),
          new Endpoint("GET", "api/queue/stats", null, "viewer"),
          new Endpoint("GET", "api/system/status", null, "viewer"),
          new Endpoint("GET", "api/system/events?limit=1", null, "viewer"),
          new Endpoint("GET", "api/scenarios", null, "viewer"),
          new Endpoint("GET", "api/scenarios/runs/nope", null, "viewer"),
          new Endpoint("GET", "api/schedules", null, "viewer"),
          new Endpoint("POST", "api/tasks", "{\"type\":\"no-such-type\"}", "operator"),
          new Endpoint("POST", "api/tasks/batch", "{\"tasks\":[{\"type\":\"no-such-type\"}]}", "operator"),
          new Endpoint("POST", "api/queue/add", "{\"type\":\"no-such-type\"}", "operator"),
          new Endpoint("POST", "api/tasks/nope/cancel", null, "operator"),
          new Endpoint("POST", "api/tasks/nope/retry", null, "operator"),
          new Endpoint("POST", "api/tasks/nope/migrate", "{}", "operator"),
          new Endpoint("POST", "api/queues/default/resume", null, "admin"), // nobody owns default: admins only
          new Endpoint("DELETE", "api/tasks/nope", null, "admin"),
          new Endpoint("PUT", "api/queues/default", "{\"no_such_field\":1}", "admin"),
          new Endpoint("PUT", "api/queues/default/owner", "{}", "admin"),
          new Endpoint("GET", "api/webhooks/allowed-hosts", null, "admin"),
          new Endpoint("PUT", "api/webhooks/allowed-hosts", "{}", "admin"),
          new Endpoint("POST", "api/workers/nope/fail", null, "admin"),
          new Endpoint("POST", "api/workers/nope/overload", null, "admin"),
          new Endpoint("POST", "api/workers/nope/recover", null, "admin"),
          new Endpoint("POST", "api/workers/nope/restart", null, "admin"),
          new Endpoint("POST", "api/schedules", "{}", "admin"),
          new Endpoint("DELETE", "api/schedules/nope", null, "admin"),
          new Endpoint("POST", "api/schedules/nope/trigger", null, "admin"),
          new Endpoint("GET", "api/webhooks", null, "admin"),
          new Endpoint("GET", "api/webhooks/nope", null, "admin"),
          new Endpoint("POST", "api/webhooks", "{}", "admin"),
          new Endpoint("DELETE", "api/webhooks/nope", null, "admin"),
          new Endpoint("POST", "api/scenarios/nope/runs", null, "admin"),
          new Endpoint("POST", "api/scenarios/runs/nope/abort", null, "admin"),
          new Endpoint("GET", "api/users", null, "admin"),
          new Endpoint("PUT", "api/users/nobody-" + RUN, "{}", "admin"),
          new Endpoint("DELETE", "api/users/nobody-" + RUN, null, "admin"),
          new Endpoint("GET", "api/tokens", null, "admin"),
          new Endpoint("POST", "api/tokens", "{}", "admin"),
          new Endpoint("DELETE", "api/tokens/nope", null, "admin"));

  private static final List<String> ROLES = List.of("viewer", "operator", "admin");

  @BeforeAll
  static void users(Cluster shared) {
    cluster = shared;
    admin = cluster.api();
    for (String role : List.of("viewer", "operator")) {
      String name = role + "-" + RUN;
      Answer a = admin.method("PUT", "api/users/" + name, "{\"role\":\"" + role + "\",\"password\":\"" + password(name) + "\"}");
      assertEquals(201, a.status(), a.toString());
      AS.put(role, admin.basic(name, password(name)));
      AS.put(role + " token", admin.bearer(token(name, role)));
    }
    AS.put("admin", admin);
    AS.put("admin token", admin.bearer(token("admin", "admin")));
  }

  private static String password(String user) {
    return "pw-of-" + user + "-" + RUN;
  }

  private static String token(String owner, String role) {
    Answer t = admin.post("api/tokens", "{\"name\":\"matrix " + role + "\",\"owner\":\"" + owner + "\",\"role\":\"" + role + "\"}");
    assertEquals(201, t.status(), t.toString());
    assertTrue(t.json().getString("token").startsWith("baton_"));
    return t.json().getString("token");
  }

  private static Answer call(Http as, Endpoint e) {
    return e.body == null ? as.method(e.method, e.path) : as.method(e.method, e.path, e.body);
  }

  @Test
  void everyEndpointRefusesTheAnonymousAndTheWrongAndLetsInTheRolesItShould() {
    long tasksBefore = admin.get("api/tasks?limit=1").json().getJsonNumber("total").longValue();
    int usersBefore = admin.get("api/users").json().getInt("count");
    Http anonymous = admin.anonymous();
    Http wrongPassword = admin.basic("viewer-" + RUN, "not-the-password");
    Http unknownUser = admin.basic("nobody-" + RUN, "whatever-password");
    Http badToken = admin.bearer("baton_" + "x".repeat(43));
    Http garbage = admin.as("Basic !!!not-base64");
    List<String> wrong = new ArrayList<>();
    int calls = 0;
    for (Endpoint e : ENDPOINTS) {
      // wrong passwords count as failed logins (throttled after a few): on a few endpoints only; the answer is the same for all
      boolean passwords = e.path.equals("api/me") || e.path.equals("api/tasks") || e.path.equals("api/users");
      for (Http h : passwords ? List.of(anonymous, wrongPassword, unknownUser, badToken, garbage) : List.of(anonymous, badToken, garbage)) {
        Answer a = call(h, e);
        calls++;
        if (a.status() != 401 || !a.contentType().startsWith("application/problem+json") || a.header("WWW-Authenticate").size() != 2) {
          wrong.add(e + " without valid credentials: " + a.status() + " " + a.header("WWW-Authenticate") + " " + a.body());
        }
      }
      for (var as : AS.entrySet()) {
        String role = as.getKey().split(" ")[0];
        boolean allowed = ROLES.indexOf(role) >= ROLES.indexOf(e.role);
        Answer a = call(as.getValue(), e);
        calls++;
        if (allowed && (a.status() == 401 || a.status() == 403 || a.status() >= 500)) {
          wrong.add(e + " as " + as.getKey() + " should be let in: " + a);
        }
        if (!allowed && (a.status() != 403 || !a.contentType().startsWith("application/problem+json") || !a.body().contains("needs the role"))) {
          wrong.add(e + " as " + as.getKey() + " should be 403: " + a);
        }
      }
    }
    System.out.println("security matrix: " + ENDPOINTS.size() + " endpoints, " + calls + " calls");
    assertTrue(wrong.isEmpty(), wrong.size() + " wrong:\n" + String.join("\n", wrong));
    assertEquals(tasksBefore, admin.get("api/tasks?limit=1").json().getJsonNumber("total").longValue(), "no task was made by a refused call");
    assertEquals(usersBefore, admin.get("api/users").json().getInt("count"), "no user was made by a refused call");
  }

  @Test
  void anOperatorSubmitsAndCancelsButCannotBreakWorkers() {
    BatonClient operator = BatonClient.builder(cluster.managerUrl().toString()).basicAuth("operator-" + RUN, password("operator-" + RUN)).build();
    var task = operator.submit(TaskRequest.of("sleep").data(Map.of("steps", 50, "step_ms", 100)).label("operator's " + RUN));
    operator.cancel(task.id());
    ProblemException.Forbidden refused =
        org.junit.jupiter.api.Assertions.assertThrows(ProblemException.Forbidden.class, () -> operator.delete(task.id()));
    assertTrue(refused.detail().contains("admin"), refused.detail());
    var who = admin.get("api/tasks/" + task.id()).json();
    assertTrue(who.toString().contains("operator-" + RUN), "the history names who cancelled: " + who);
    BatonClient nobody = BatonClient.of(cluster.managerUrl().toString());
    org.junit.jupiter.api.Assertions.assertThrows(ProblemException.Unauthorized.class, () -> nobody.get(task.id()));
  }

  @Test
  void tokensAreShownOnceStoredHashedNeverAboveTheirOwnerAndStopWhenRevoked() throws Exception {
    String viewer = "viewer-" + RUN;
    Answer above = admin.post("api/tokens", "{\"name\":\"too much\",\"owner\":\"" + viewer + "\",\"role\":\"admin\"}");
    assertEquals(422, above.status(), above.toString());
    assertTrue(above.body().contains("\"field\":\"role\""), above.body());
    Answer badDays = admin.post("api/tokens", "{\"name\":\"x\",\"expires_in_days\":0,\"unknown\":1}");
    assertEquals(422, badDays.status(), badDays.toString());

    Answer made = admin.post("api/tokens", "{\"name\":\"revoke me\",\"owner\":\"" + viewer + "\",\"expires_in_days\":1}");
    assertEquals(201, made.status(), made.toString());
    String secret = made.json().getString("token");
    String id = made.json().getString("id");
    assertEquals("viewer", made.json().getString("role"), "the owner's role by default");
    Http holder = admin.bearer(secret);
    assertEquals(viewer, holder.get("api/me").json().getString("name"));
    assertEquals("bearer", holder.get("api/me").json().getString("via"));
    String listed = admin.get("api/tokens").body();
    assertTrue(listed.contains(id) && !listed.contains(secret), "listed without its secret");
    try (var redis = cluster.redis()) {
      var stored = new dev.baton.store.RedisCredentials(redis);
      assertTrue(stored.tokenBySecretHash(dev.baton.security.Secrets.sha256(secret)).isPresent(), "kept under its SHA-256 only");
      String hash = stored.user(viewer).orElseThrow().passwordHash();
      assertTrue(hash.startsWith("PBKDF2WithHmacSHA512:210000:"), "the platform's PBKDF2: " + hash.substring(0, 30));
      assertFalse(hash.contains(password(viewer)));
    }
    assertFalse(admin.get("api/system/events?limit=1000").body().contains(secret), "no token in the events");
    assertFalse(
        java.nio.file.Files.readString(cluster.runDir().resolve("logs/manager.log"), java.nio.charset.StandardCharsets.ISO_8859_1).contains(secret),
        "no token in the manager's log");
    assertEquals(204, admin.method("DELETE", "api/tokens/" + id).status());
    assertEquals(401, holder.get("api/me").status(), "revoked: refused at once");
    assertEquals(404, admin.method("DELETE", "api/tokens/" + id).status());
  }

  @Test
  void aChangedPasswordOrADeletedUserIsRefusedAtOnce() {
    String name = "temp-" + RUN;
    assertEquals(201, admin.method("PUT", "api/users/" + name, "{\"role\":\"viewer\",\"password\":\"first-password-1\"}").status());
    Http first = admin.basic(name, "first-password-1");
    assertEquals(200, first.get("api/me").status());
    Answer changed = admin.method("PUT", "api/users/" + name, "{\"password\":\"second-password-2\"}");
    assertEquals(200, changed.status(), changed.toString());
    assertEquals("viewer", changed.json().getString("role"), "the role unchanged");
    assertEquals(401, first.get("api/me").status(), "the old password is refused");
    Http second = admin.basic(name, "second-password-2");
    assertEquals(200, second.get("api/me").status());
    Answer weak = admin.method("PUT", "api/users/" + name, "{\"password\":\"short\",\"role\":\"boss\"}");
    assertEquals(422, weak.status());
    assertTrue(weak.body().contains("\"field\":\"password\"") && weak.body().contains("\"field\":\"role\""), weak.body());
    assertEquals(409, admin.method("DELETE", "api/users/admin").status(), "admin stays");
    assertEquals(422, admin.method("PUT", "api/users/admin", "{\"role\":\"viewer\"}").status(), "admin stays an admin");
    assertEquals(204, admin.method("DELETE", "api/users/" + name).status());
    assertEquals(401, second.get("api/me").status(), "deleted: refused at once");
  }

  @Test
  void failedLoginsSlowDownThenTheUserMustWait() {
    String name = "guessed-" + RUN;
    String right = "the-right-password-" + RUN;
    assertEquals(201, admin.method("PUT", "api/users/" + name, "{\"role\":\"viewer\",\"password\":\"" + right + "\"}").status());
    Http guesser = admin.basic(name, "a-wrong-guess");
    for (int i = 0; i < dev.baton.security.LoginThrottle.FREE_PER_USER; i++) {
      assertEquals(401, guesser.get("api/me").status(), "guess " + (i + 1));
    }
    Answer throttled = admin.basic(name, right).get("api/me");
    assertEquals(429, throttled.status(), "not even the right password is checked now: " + throttled);
    assertTrue(throttled.contentType().startsWith("application/problem+json"));
    long wait = Long.parseLong(throttled.retryAfter());
    assertTrue(wait >= 1 && wait <= 2, "the first wait is 2 s: " + wait);
    org.awaitility.Awaitility.await("after the wait the right password works")
        .atMost(java.time.Duration.ofSeconds(wait + 5))
        .pollInterval(java.time.Duration.ofMillis(500))
        .until(() -> admin.basic(name, right).get("api/me").status() == 200);
    assertEquals(401, guesser.get("api/me").status(), "a success forgets the failures: the next guess is heard (and wrong)");
    assertEquals(200, admin.get("api/me").status(), "other users are not affected");
  }

  @Test
  void aUserSeesAndActsOnTheirOwnTasksOnlyAnAdminOnAll() throws Exception {
    Http alice = user("alice-" + RUN, "operator");
    Http bob = user("bob-" + RUN, "operator");
    Http bobsViewer = user("bobs-viewer-" + RUN, "viewer");
    // bob follows the event stream from before alice's task exists
    var bobsEvents = new java.util.concurrent.CopyOnWriteArrayList<String>();
    var bobsStream =
        BatonClient.builder(cluster.managerUrl().toString()).basicAuth("bob-" + RUN, password("bob-" + RUN)).build()
            .follow(null, e -> bobsEvents.add(e.taskId() == null ? "" : e.taskId()));
    try {
      Answer made = alice.post("api/tasks", "{\"type\":\"sleep\",\"data\":{\"steps\":100,\"step_ms\":100},\"label\":\"alice's " + RUN + "\"}");
      assertEquals(201, made.status(), made.toString());
      String task = made.json().getString("id");
      assertEquals("alice-" + RUN, made.json().getString("owner"));
      String bobs = bob.post("api/tasks", "{\"type\":\"noop\",\"label\":\"bob's " + RUN + "\"}").json().getString("id");

      for (Http other : List.of(bob, bobsViewer)) {
        for (String path : List.of("api/tasks/" + task, "api/tasks/" + task + "/status", "api/tasks/" + task + "/graph", "api/queue/" + task)) {
          assertEquals(404, other.get(path).status(), path + ": another's task is not found");
        }
        assertFalse(other.get("api/tasks?limit=1000").body().contains(task), "not in another's listing");
        assertFalse(other.get("api/tasks?q=alice").body().contains(task), "not found by search");
        assertFalse(other.get("api/system/events?limit=1000").body().contains(task), "not in another's event log");
        assertFalse(other.get("console/tasks.xhtml").body().contains(task), "not in another's console table");
        assertTrue(other.get("console/task.xhtml?id=" + task).body().contains("There is no task with the id"), "nor its page");
      }
      for (String action : List.of("cancel", "retry", "migrate")) {
        Answer a = bob.post("api/tasks/" + task + "/" + action, "{}");
        assertEquals(404, a.status(), action + " on another's task: " + a);
      }
      assertEquals(404, bob.post("api/queue/" + task + "/cancel", "").status());
      Answer parent = bob.post("api/tasks", "{\"type\":\"noop\",\"depends_on\":[\"" + task + "\"]}");
      assertEquals(422, parent.status(), "no waiting on another's task: " + parent);
      assertTrue(parent.body().contains("depends_on"), parent.body());
      assertTrue(bob.get("api/tasks?limit=1000").body().contains(bobs), "bob sees his own");
      // idempotency keys are each user's own: the same key from bob makes bob's task, not an answer with alice's
      String key = "order-" + RUN;
      String alicesKeyed = alice.post("api/tasks", "{\"type\":\"noop\",\"idempotency_key\":\"" + key + "\"}").json().getString("id");
      Answer bobsKeyed = bob.post("api/tasks", "{\"type\":\"noop\",\"idempotency_key\":\"" + key + "\"}");
      assertEquals(201, bobsKeyed.status(), bobsKeyed.toString());
      assertFalse(bobsKeyed.json().getString("id").equals(alicesKeyed));
      assertEquals(alicesKeyed, alice.post("api/tasks", "{\"type\":\"noop\",\"idempotency_key\":\"" + key + "\"}").json().getString("id"),
          "her repeat answers her task");
      assertFalse(bobsViewer.get("api/tasks?limit=1000").body().contains(bobs), "a viewer sees only their own too");

      org.awaitility.Awaitility.await("alice's task runs")
          .atMost(java.time.Duration.ofSeconds(30))
          .until(() -> admin.get("api/workers").body().contains(task));
      assertFalse(bob.get("api/workers").body().contains(task), "the worker list names only bob's running tasks to bob");
      assertTrue(alice.get("api/workers").body().contains(task), "and hers to her");

      // alice and the admin see it, and she may act on it
      assertEquals(200, alice.get("api/tasks/" + task).status());
      assertTrue(alice.get("api/tasks?limit=1000").body().contains(task));
      assertTrue(admin.get("api/tasks?limit=1000").body().contains(task) && admin.get("api/tasks?limit=1000").body().contains(bobs));
      org.awaitility.Awaitility.await("bob's own events reach his stream")
          .atMost(java.time.Duration.ofSeconds(30))
          .until(() -> bobsEvents.contains(bobs));
      assertEquals(2, alice.post("api/tasks/" + task + "/cancel", "").status() / 100, "her own: cancelled");
      org.awaitility.Awaitility.await("alice's task ends cancelled")
          .atMost(java.time.Duration.ofSeconds(30))
          .until(() -> admin.get("api/tasks/" + task).json().getString("status").equals("CANCELLED"));
      assertFalse(bobsEvents.contains(task), "none of alice's events in bob's stream");
    } finally {
      bobsStream.close();
    }
  }

  private static Http user(String name, String role) {
    Answer a = admin.method("PUT", "api/users/" + name, "{\"role\":\"" + role + "\",\"password\":\"" + password(name) + "\"}");
    assertTrue(a.status() == 201 || a.status() == 200, a.toString());
    return admin.basic(name, password(name));
  }

  @Test
  void everyAnswerCarriesTheSecurityHeadersAndTheContainersRefusalsAreProblems() {
    for (Answer a : List.of(admin.get("api/me"), admin.anonymous().get("api/tasks"), admin.anonymous().get("login.xhtml"))) {
      assertEquals(List.of("nosniff"), a.header("X-Content-Type-Options"), a.toString());
      assertEquals(List.of("no-referrer"), a.header("Referrer-Policy"));
      assertEquals(List.of("DENY"), a.header("X-Frame-Options"));
      assertTrue(a.header("Content-Security-Policy").get(0).contains("frame-ancestors 'none'"));
    }
    assertTrue(admin.get("api/me").header("Content-Security-Policy").get(0).startsWith("default-src 'none'"), "the API's answers are data");
    Answer login = admin.anonymous().get("login.xhtml");
    assertTrue(login.header("Content-Security-Policy").get(0).startsWith("default-src 'self'"));
    String cookie = String.join(" ", login.header("Set-Cookie"));
    assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), cookie);

    Answer patch = admin.method("PATCH", "api/tasks", "{}");
    assertEquals(405, patch.status(), "a method the API does not take: 405, never 501");
    Answer unmapped = admin.get("api/tasks/..%2F..%2Fetc%2Fpasswd");
    assertEquals(404, unmapped.status());
    assertTrue(unmapped.contentType().startsWith("application/problem+json"), "the container's own 404 is a problem too: " + unmapped);
    assertFalse(admin.anonymous().get("nope.html").body().contains("Payara"), "never the server's error report");
  }

  @Test
  void theWorkersApiTakesTheSameCredentials() {
    String url = admin.get("api/workers/worker-1").json().getString("url") + "/";
    Http worker = new Http(java.net.URI.create(url));
    Answer anonymous = worker.get("api/worker");
    assertEquals(401, anonymous.status());
    assertEquals("application/problem+json", anonymous.contentType().split(";")[0]);
    assertEquals(200, worker.basic("viewer-" + RUN, password("viewer-" + RUN)).get("api/worker").status());
    assertEquals(200, worker.get("health/ready").status(), "probes need no credentials");
  }
}
