package dev.baton.demo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.testing.Http;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/** The console's login, logout and role checks, in a real browser; its live channel needs a login too. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@ExtendWith(SharedCluster.class)
class ConsoleAccessIT {
  private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
  private static Cluster cluster;
  private static Http admin;
  private static Browser browser;

  @BeforeAll
  static void open(Cluster shared) {
    cluster = shared;
    admin = cluster.api();
    assertEquals(201, admin.method("PUT", "api/users/watcher-" + RUN, "{\"role\":\"viewer\",\"password\":\"watcher-password-" + RUN + "\"}").status());
    browser = new Browser(Path.of(System.getProperty("baton.root", "..")).toAbsolutePath().normalize(), 1280, 800);
  }

  @AfterAll
  static void close() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void aWrongPasswordIsSaidOnTheFormAndAViewerSeesButCannotAct() {
    browser.driver.manage().deleteAllCookies();
    String refused = browser.logIn(cluster.managerUrl(), "watcher-" + RUN, "not-the-password");
    assertTrue(refused.contains("Wrong user name or password"), refused);
    assertTrue(browser.driver.getCurrentUrl().contains("/login.xhtml"));
    browser.screenshot("login-refused");

    // a page asked for before the login is where the login leads
    browser.open(cluster.managerUrl().resolve("/console/workers.xhtml").toString());
    assertTrue(browser.driver.getCurrentUrl().contains("/login.xhtml?next="), browser.driver.getCurrentUrl());
    browser.find(By.id("login:user")).sendKeys("watcher-" + RUN);
    browser.find(By.id("login:password")).sendKeys("watcher-password-" + RUN);
    browser.find(By.id("login:submit")).click();
    await("on the page asked for").atMost(Duration.ofSeconds(20)).until(() -> browser.driver.getCurrentUrl().contains("/console/workers.xhtml"));
    browser.awaitLive();
    assertTrue(browser.text(By.id("user-name")).contains("watcher-" + RUN + " · viewer"), browser.text(By.id("user-name")));

    // a viewer sees what there is, but no button of an action (a worker's card has none)
    await("the worker cards").atMost(Duration.ofSeconds(10)).until(() -> !browser.all(By.cssSelector("[data-worker-card]")).isEmpty());
    assertTrue(browser.all(By.cssSelector("[id$='failButton'], [id$='migrateButton']")).isEmpty(), "no action buttons for a viewer");
    assertTrue(browser.all(By.id("nav-create")).isEmpty(), "no Create in the navigation");
    browser.screenshot("console-viewer");

    // logging out ends the session: the pages lead to the login again
    // logging out ends the session: the pages lead to the login again
    browser.click(By.id("userForm:logout"));
    await("logged out").atMost(Duration.ofSeconds(10)).until(() -> browser.driver.getCurrentUrl().contains("/login.xhtml?out=1"));
    assertTrue(browser.text(By.id("loggedOut")).contains("logged out"));
    browser.open(cluster.managerUrl().resolve("/console/tasks.xhtml").toString());
    assertTrue(browser.driver.getCurrentUrl().contains("/login.xhtml"), browser.driver.getCurrentUrl());
  }

  @Test
  void theServerChecksTheRoleWhateverThePageShows() {
    String name = "shifty-" + RUN;
    String password = loggedInOperator(name);
    browser.open(cluster.managerUrl().resolve("/console/create.xhtml").toString());
    browser.awaitLive();
    browser.js("var w = PF('typeMenu'); w.selectValue('noop'); w.input.trigger('change');");
    await().atMost(Duration.ofSeconds(10)).until(() -> !browser.all(By.id("createForm:create")).isEmpty());
    // the page was made for an operator; the user is a viewer by the time the button is pressed
    assertEquals(200, admin.method("PUT", "api/users/" + name, "{\"role\":\"viewer\"}").status());
    long before = admin.get("api/tasks?limit=1").json().getJsonNumber("total").longValue();
    browser.click(By.id("createForm:create"));
    // the server renders the page for the role of now: the button no longer exists there, so its action does not run
    await("nothing is made")
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(() -> admin.get("api/tasks?limit=1").json().getJsonNumber("total").longValue() == before);
    browser.open(cluster.managerUrl().resolve("/console/create.xhtml").toString());
    assertTrue(browser.all(By.id("createForm:create")).isEmpty(), "now the page shows no Create button");
    browser.click(By.id("userForm:logout"));
  }

  @Test
  void aUsersLivePictureShowsTheirOwnTasksOnly() {
    String name = "pia-" + RUN;
    String password = loggedInOperator(name);
    browser.open(cluster.managerUrl().resolve("/console/index.xhtml").toString());
    browser.awaitLive();
    String sleep = "{\"type\":\"sleep\",\"data\":{\"steps\":60,\"step_ms\":250}}";
    String hers = admin.basic(name, password).post("api/tasks", sleep).json().getString("id");
    String others = admin.post("api/tasks", sleep).json().getString("id");
    await("her running task in her picture")
        .atMost(Duration.ofSeconds(20))
        .until(() -> !browser.all(By.cssSelector("g.chip[data-task='" + hers + "']")).isEmpty());
    await("the admin's task is running")
        .atMost(Duration.ofSeconds(20))
        .until(() -> admin.get("api/tasks/" + others).json().getString("status").equals("RUNNING"));
    // a few pushes later (one every 250 ms while tasks progress) the other task has still not appeared
    long pushes = ((Number) browser.js("return Baton.pushes")).longValue();
    await().atMost(Duration.ofSeconds(10)).until(() -> ((Number) browser.js("return Baton.pushes")).longValue() >= pushes + 4);
    assertTrue(browser.all(By.cssSelector("g.chip[data-task='" + others + "']")).isEmpty(), "another's task is not in her picture");
    browser.screenshot("picture-operator");
    admin.post("api/tasks/" + hers + "/cancel", "");
    admin.post("api/tasks/" + others + "/cancel", "");
    browser.click(By.id("userForm:logout"));
  }

  @Test
  void aPagesLiveChannelCannotBeJoinedByAnotherUser() throws Exception {
    String carl = "carl-" + RUN;
    String dora = "dora-" + RUN;
    for (String u : List.of(carl, dora)) {
      assertEquals(201, admin.method("PUT", "api/users/" + u, "{\"role\":\"operator\",\"password\":\"" + u + "-password\"}").status());
    }
    String page = admin.basic(carl, carl + "-password").get("console/index.xhtml").body();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("jakarta\\.faces\\.push/cluster\\?[0-9a-f-]+").matcher(page);
    assertTrue(m.find(), "the page names its live channel");
    URI channel = URI.create("ws://" + cluster.managerUrl().getAuthority() + "/" + m.group());
    WebSocket own = socket(channel, carl).join(); // the page's own user connects first, as the page does at once
    try {
      CompletionException refused = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class, () -> socket(channel, dora).join());
      assertTrue(refused.getCause() instanceof java.net.http.WebSocketHandshakeException, refused.toString());
      assertEquals(403, ((java.net.http.WebSocketHandshakeException) refused.getCause()).getResponse().statusCode());
      socket(channel, carl).join().abort(); // the same user again (a reconnect): fine
    } finally {
      own.abort();
    }
  }

  /** A new operator, logged in in the browser (a fresh session); @return their password */
  private static String loggedInOperator(String name) {
    String password = name + "-password-" + RUN;
    assertEquals(201, admin.method("PUT", "api/users/" + name, "{\"role\":\"operator\",\"password\":\"" + password + "\"}").status());
    browser.driver.manage().deleteAllCookies();
    assertEquals("", browser.logIn(cluster.managerUrl(), name, password));
    return password;
  }

  private static java.util.concurrent.CompletableFuture<WebSocket> socket(URI channel, String user) {
    String basic = "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + user + "-password").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", basic).buildAsync(channel, new WebSocket.Listener() {});
  }

  @Test
  void theLiveChannelRefusesAConnectionWithoutALogin() {
    URI push = URI.create("ws://" + cluster.managerUrl().getAuthority() + "/jakarta.faces.push/cluster?" + UUID.randomUUID());
    var attempt = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(push, new WebSocket.Listener() {});
    try {
      attempt.join().abort();
      throw new AssertionError("the push endpoint took a connection without a session");
    } catch (CompletionException expected) {
      assertTrue(expected.getCause() instanceof java.net.http.WebSocketHandshakeException, expected.toString());
      var response = ((java.net.http.WebSocketHandshakeException) expected.getCause()).getResponse();
      int status = response.statusCode();
      // the whole answer on failure: one full run saw a 200 here that no rerun showed (issue 21's closing note)
      assertTrue(status == 302 || status == 401, "refused: " + status + " " + response.headers().map() + " " + response.body());
    }
  }

  /**
   * A page of another port (the same site to the browser: a student's app, Grafana, Prometheus) tries everything a
   * page may make a browser send while the admin is logged in to the console: form posts (text/plain holding JSON,
   * urlencoded), fetches without CORS, a login, the live channel. Nothing changes.
   */
  @Test
  void aPageOfAnotherOriginChangesNothingWhileTheAdminIsLoggedIn() throws Exception {
    String label = "csrf-" + RUN;
    String manager = cluster.managerUrl().toString().replaceAll("/$", "");
    String page =
        "<!DOCTYPE html><html><body>"
            + "<iframe name=sink1></iframe><iframe name=sink2></iframe><iframe name=sink3></iframe>"
            + "<form id=f1 method=post enctype=text/plain target=sink1 action='" + manager + "/api/tasks'>"
            + "<input name='{\"type\":\"noop\",\"label\":\"" + label + "\",\"x\":\"' value='\"}'></form>"
            + "<form id=f2 method=post target=sink2 action='" + manager + "/api/workers/worker-1/fail'><input name=mode value=crash></form>"
            + "<form id=f3 method=post target=sink3 action='" + manager + "/login.xhtml'><input name=login value=login></form>"
            + "<script>"
            + "var loads = 0; document.querySelectorAll('iframe').forEach(function (f) { f.onload = function () { loads++; }; });"
            + "document.getElementById('f1').submit(); document.getElementById('f2').submit(); document.getElementById('f3').submit();"
            + "var body = JSON.stringify({type: 'noop', label: '" + label + "'});"
            + "var tries = ["
            + "  fetch('" + manager + "/api/tasks', {method: 'POST', mode: 'no-cors', credentials: 'include', headers: {'Content-Type': 'text/plain'}, body: body}),"
            + "  fetch('" + manager + "/api/tasks', {method: 'POST', mode: 'no-cors', credentials: 'include', body: new Blob([body])}),"
            + "  fetch('" + manager + "/api/workers/worker-2/overload', {method: 'POST', mode: 'no-cors', credentials: 'include'})"
            + "].map(function (p) { return p.then(function () { return 'sent'; }, function (e) { return 'failed'; }); });"
            + "window.socket = 'pending';"
            + "var ws = new WebSocket('" + manager.replace("http://", "ws://") + "/jakarta.faces.push/cluster?" + UUID.randomUUID() + "');"
            + "ws.onopen = function () { window.socket = 'open'; }; ws.onerror = function () { window.socket = 'refused'; };"
            + "Promise.all(tries).then(function (r) { window.fetches = r; });"
            + "</script></body></html>";
    com.sun.net.httpserver.HttpServer other = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    other.createContext("/", ex -> {
      byte[] b = page.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
      ex.sendResponseHeaders(200, b.length);
      ex.getResponseBody().write(b);
      ex.close();
    });
    other.start();
    try {
      browser.driver.manage().deleteAllCookies();
      assertEquals("", browser.logIn(cluster.managerUrl(), "admin", cluster.adminPassword()));
      browser.open("http://127.0.0.1:" + other.getAddress().getPort() + "/");
      await("the other page tried everything")
          .atMost(Duration.ofSeconds(30))
          .until(() -> browser.js("return window.fetches && window.socket !== 'pending' && loads >= 3") == Boolean.TRUE);
      assertEquals("refused", browser.js("return window.socket"), "the live channel refuses a page of another origin");
      assertEquals(0, admin.get("api/tasks?q=" + label + "&limit=1").json().getInt("total"), "no task was made");
      var w1 = admin.get("api/workers/worker-1").json();
      assertTrue(w1.getBoolean("alive") && w1.getString("status").equals("UP"), "worker-1 was not failed: " + w1);
      assertEquals("UP", admin.get("api/workers/worker-2").json().getString("status"), "worker-2 was not overloaded");
      browser.errors(); // the refusals the other page's requests got are its console's business
      // the console itself still works: its own requests are same-origin
      browser.open(cluster.managerUrl().resolve("/console/tasks.xhtml").toString());
      browser.awaitLive();
      browser.errors();
    } finally {
      other.stop(0);
    }
  }

  /** A demotion, a new password, a deletion: the user's open page follows within seconds. */
  @Test
  void anOpenPageFollowsItsUsersDemotionPasswordAndDeletion() {
    String name = "follow-" + RUN;
    String password = loggedInOperator(name);
    browser.open(cluster.managerUrl().resolve("/console/tasks.xhtml").toString());
    browser.awaitLive();
    assertTrue(!browser.all(By.id("nav-create")).isEmpty(), "an operator may create");
    browser.mark();

    assertEquals(200, admin.method("PUT", "api/users/" + name, "{\"role\":\"viewer\"}").status());
    await("the page loads again as a viewer's")
        .atMost(Duration.ofSeconds(10))
        .until(() -> !browser.stillSamePage() && browser.text(By.id("user-name")).contains("viewer"));
    assertTrue(browser.all(By.id("nav-create")).isEmpty(), "no Create for a viewer");
    browser.awaitLive();

    // a new password ends the login: the session's and the cookie's (which would otherwise bring it back)
    assertEquals(200, admin.method("PUT", "api/users/" + name, "{\"password\":\"" + password + "-new\"}").status());
    await("the page leads to the login").atMost(Duration.ofSeconds(10)).until(() -> browser.driver.getCurrentUrl().contains("/login.xhtml"));
    browser.open(cluster.managerUrl().resolve("/console/tasks.xhtml").toString());
    assertTrue(browser.driver.getCurrentUrl().contains("/login.xhtml"), "the old login is over: " + browser.driver.getCurrentUrl());

    assertEquals("", browser.logIn(cluster.managerUrl(), name, password + "-new"));
    browser.open(cluster.managerUrl().resolve("/console/tasks.xhtml").toString());
    browser.awaitLive();
    assertEquals(204, admin.method("DELETE", "api/users/" + name).status());
    await("a deleted user's page leads to the login").atMost(Duration.ofSeconds(10)).until(() -> browser.driver.getCurrentUrl().contains("/login.xhtml"));
    browser.errors(); // the reloads' interrupted requests
  }
}
