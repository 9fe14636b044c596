package dev.baton.demo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * The Payara admin console over the cluster: {@code ./demo.sh admin} starts a Payara Server DAS on 127.0.0.1
 * with a generated password and secure admin; through its REST management interface it lists the manager
 * and the three workers as Data Grid members and sends one worker an asadmin command. A screenshot of the
 * console's data grid page goes to docs/console/.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
@ExtendWith(SharedCluster.class)
class AdminIT {
  private static Cluster cluster;
  private static String output;
  private static String adminUrl;
  private static String password;

  @BeforeAll
  static void startTheDas(Cluster shared) throws IOException {
    cluster = shared;
    output = cluster.demo("admin");
    Map<String, String> env = Files.readAllLines(cluster.runDir().resolve("das/das.env")).stream()
        .map(l -> l.split("=", 2))
        .collect(Collectors.toMap(kv -> kv[0], kv -> kv[1]));
    adminUrl = "https://127.0.0.1:" + env.get("DAS_ADMIN_PORT");
    password = Files.readString(cluster.runDir().resolve("das/admin-password")).trim();
  }

  @AfterAll
  static void stopTheDas() {
    if (cluster != null) {
      cluster.demo("admin", "stop");
    }
  }

  @Test
  void theDasListsTheManagerAndTheWorkersAndRunsACommandOnOneWorker() throws Exception {
    assertTrue(output.contains(adminUrl), output);
    assertTrue(output.contains("password: " + password), "the generated password is printed once: " + output);
    assertEquals(
        Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
        Files.getPosixFilePermissions(cluster.runDir().resolve("das/admin-password")));

    JsonObject members = rest("GET", "list-hazelcast-cluster-members?type=micro", null);
    assertEquals("SUCCESS", members.getString("exit_code"), members.toString());
    String table = members.getString("message");
    System.out.println(table);
    for (String instance : List.of("manager", "worker-1", "worker-2", "worker-3")) {
      assertTrue(table.lines().anyMatch(l -> l.startsWith(instance + " ")), instance + " in\n" + table);
    }
    assertTrue(table.lines().filter(l -> l.startsWith("worker-")).allMatch(l -> l.contains("baton-worker")), "their applications:\n" + table);

    // an operator changes a log level on worker-2 only
    JsonObject sent =
        rest("POST", "send-asadmin-command",
            Map.of("command", "set-log-levels", "targets", "worker-2", "verbose", "true", "id", "dev.baton.worker=FINE"));
    assertEquals("SUCCESS", sent.getString("exit_code"), sent.toString());
    String answer = sent.getString("message");
    assertTrue(answer.contains("worker-2") && answer.contains("dev.baton.worker package set with log level FINE"), answer);
    assertFalse(answer.contains("worker-1") || answer.contains("worker-3"), answer);
  }

  @Test
  void theDasIsPasswordProtectedOverHttpsAndListensOnLoopbackOnly() throws Exception {
    HttpsURLConnection anonymous = open(adminUrl + "/management/domain/list-hazelcast-cluster-members");
    anonymous.setRequestProperty("Accept", "application/json");
    assertEquals(401, anonymous.getResponseCode(), "no credentials");
    HttpsURLConnection wrong = open(adminUrl + "/management/domain/list-hazelcast-cluster-members");
    wrong.setRequestProperty("Authorization", basic("admin", "not-the-password"));
    assertEquals(401, wrong.getResponseCode(), "a wrong password");

    long pid = Long.parseLong(Files.readString(cluster.runDir().resolve("pids/das.pid")).trim());
    Set<String> addresses = ListeningSockets.of(pid);
    System.out.println("the DAS listens on " + addresses);
    assertFalse(addresses.isEmpty());
    assertTrue(addresses.stream().allMatch(a -> a.startsWith("127.0.0.1:")), "only loopback: " + addresses);
  }

  @Test
  void theConsolesDataGridPageShowsTheInstances() throws Exception {
    Path root = Path.of(System.getProperty("baton.root", "..")).toAbsolutePath().normalize();
    try (Browser browser = new Browser(root, 1400, 1000, "--ignore-certificate-errors")) {
      browser.open(adminUrl + "/");
      await("the login form (the console loads on first use)")
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofSeconds(1))
          .ignoreExceptions()
          .until(() -> !browser.all(By.name("j_username")).isEmpty() || browser.driver.getCurrentUrl().contains("/common/"));
      if (!browser.all(By.name("j_username")).isEmpty()) {
        browser.find(By.name("j_username")).sendKeys("admin");
        browser.find(By.name("j_password")).sendKeys(password);
        browser.click(By.cssSelector("input[type=submit], button[type=submit], #loginButton"));
      }
      await("logged in")
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofSeconds(1))
          .ignoreExceptions()
          .until(() -> browser.all(By.name("j_username")).isEmpty() && "complete".equals(browser.js("return document.readyState")));
      // Domain > Data Grid, as the navigation tree's node links it, then its "Data Grid Instances" tab
      browser.open(adminUrl + "/payaraExtras/hazelcast/hazelcast.jsf");
      await("the data grid's tabs")
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofSeconds(1))
          .ignoreExceptions()
          .until(() -> !browser.all(By.linkText("Data Grid Instances")).isEmpty());
      browser.js("arguments[0].click()", browser.find(By.linkText("Data Grid Instances")));
      await("the data grid's instances")
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofSeconds(1))
          .ignoreExceptions()
          .until(() -> {
            String text = browser.text(By.tagName("body"));
            return text.contains("worker-1") && text.contains("worker-2") && text.contains("worker-3") && text.contains("manager");
          });
      assertFalse(browser.text(By.tagName("body")).contains("Cannot find"), "no error banner: " + browser.text(By.tagName("body")));
      browser.screenshot("payara-admin-data-grid"); // also the README's copy, docs/console/
    }
  }

  // ------------------------------------------------------------------------------------------------

  /** A call of the DAS's REST management interface (asadmin commands as resources), as admin. */
  private static JsonObject rest(String method, String command, Map<String, String> form) throws IOException {
    HttpsURLConnection c = open(adminUrl + "/management/domain/" + command);
    c.setRequestMethod(method);
    c.setRequestProperty("Authorization", basic("admin", password));
    c.setRequestProperty("Accept", "application/json");
    c.setRequestProperty("X-Requested-By", "baton-tests"); // the REST interface's CSRF guard
    if (form != null) {
      c.setDoOutput(true);
      c.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
      String body = form.entrySet().stream()
          .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
          .collect(Collectors.joining("&"));
      try (OutputStream out = c.getOutputStream()) {
        out.write(body.getBytes(StandardCharsets.UTF_8));
      }
    }
    int status = c.getResponseCode();
    try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(200, status, command + ": " + text);
      return Json.createReader(new StringReader(text)).readObject();
    }
  }

  private static String basic(String user, String pass) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + pass).getBytes(StandardCharsets.UTF_8));
  }

  /** HTTPS to the DAS: its certificate is self-signed and names the host, not 127.0.0.1 (this test trusts it). */
  private static HttpsURLConnection open(String url) throws IOException {
    try {
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, new TrustManager[] {new TrustEverything()}, null);
      HttpsURLConnection c = (HttpsURLConnection) URI.create(url).toURL().openConnection();
      c.setSSLSocketFactory(tls.getSocketFactory());
      c.setHostnameVerifier((host, session) -> host.equals("127.0.0.1"));
      c.setConnectTimeout(10_000);
      c.setReadTimeout(60_000);
      c.setInstanceFollowRedirects(false);
      return c;
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException(e);
    }
  }

  private static final class TrustEverything implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }

  /** The TCP addresses a process listens on, from /proc (its socket inodes matched in /proc/net/tcp and tcp6). */
  static final class ListeningSockets {
    static Set<String> of(long pid) throws IOException {
      Set<String> inodes = new HashSet<>();
      try (var fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
        for (Path fd : fds.toList()) {
          try {
            String target = Files.readSymbolicLink(fd).toString();
            if (target.startsWith("socket:[")) {
              inodes.add(target.substring(8, target.length() - 1));
            }
          } catch (IOException gone) {
            // closed meanwhile
          }
        }
      }
      Set<String> out = new HashSet<>();
      for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
        for (String line : Files.readAllLines(Path.of(table)).subList(1, Files.readAllLines(Path.of(table)).size())) {
          String[] f = line.trim().split("\\s+");
          if (f[3].equals("0A") && inodes.contains(f[9])) { // 0A: LISTEN
            out.add(address(f[1]));
          }
        }
      }
      return out;
    }

    /** 0100007F:12C0 -> 127.0.0.1:4800; an IPv4-mapped IPv6 address as its IPv4 form; others as hex. */
    private static String address(String hex) {
      String[] hp = hex.split(":");
      int port = Integer.parseInt(hp[1], 16);
      String h = hp[0];
      if (h.length() == 32 && h.startsWith("0000000000000000FFFF0000")) {
        h = h.substring(24);
      }
      if (h.length() == 8) {
        long v = Long.parseLong(h, 16);
        return (v & 0xff) + "." + ((v >> 8) & 0xff) + "." + ((v >> 16) & 0xff) + "." + ((v >> 24) & 0xff) + ":" + port;
      }
      return h + ":" + port;
    }
  }
}
