package dev.baton.demo;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.client.BatonClient;
import dev.baton.client.TaskFilter;
import dev.baton.client.TaskStatus;
import dev.baton.demo.txapp.OrdersApp;
import dev.baton.testing.FreePorts;
import dev.baton.testing.Http;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The client's after-commit helper inside a real Jakarta EE application: {@link OrdersApp} (with the client jar in
 * WEB-INF/lib) on a Payara Micro of its own, talking to the whole cluster. A committed order's task is in the
 * cluster; a rolled-back order's is not; without a transaction the task goes at once.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@ExtendWith(SharedCluster.class)
class AfterCommitIT {
  private static Process app;
  private static Http orders;
  private static BatonClient baton;

  @BeforeAll
  static void deploy(Cluster cluster) throws Exception {
    baton = cluster.client();
    Path root = Path.of(System.getProperty("baton.root", "..")).toAbsolutePath().normalize();
    Path dir = root.resolve("demo/target/txapp");
    deleteTree(dir);
    Files.createDirectories(dir.resolve("tmp"));
    Path war = war(dir.resolve("orders.war"));
    int port = FreePorts.find();
    int hz = FreePorts.find();
    Path preboot = dir.resolve("preboot.asadmin");
    Files.writeString(
        preboot, "set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address=127.0.0.1\n");
    // The application submits with an API token of its own (an operator's, as a service account would), from its environment.
    var token = cluster.api().post("api/tokens", "{\"name\":\"orders app\",\"role\":\"operator\",\"expires_in_days\":1}");
    assertEquals(201, token.status(), token.toString());
    // On loopback like every instance of Baton (STACK.md): HTTP and a data grid of its own, never multicast.
    ProcessBuilder launch =
        new ProcessBuilder(
                "java", "-Xmx256m", "-XX:+UseSerialGC", "-Dhazelcast.socket.bind.any=false", "-Djava.io.tmpdir=" + dir.resolve("tmp"),
                "-Dbaton.url=" + cluster.managerUrl(), "-jar", root.resolve("target/payara-micro.jar").toString(), "--deploy", war.toString(),
                "--contextroot", "/", "--port", Integer.toString(port), "--prebootcommandfile", preboot.toString(),
                "--clustermode", "tcpip:127.0.0.1:" + hz, "--startport", Integer.toString(hz), "--interfaces", "127.0.0.1",
                "--clustername", "txapp-" + UUID.randomUUID(), "--name", "txapp", "--rootdir", dir.resolve("root").toString(),
                "--disablephonehome")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("payara.log").toFile());
    launch.environment().put("BATON_TOKEN", token.json().getString("token"));
    app = launch.start();
    orders = new Http(URI.create("http://127.0.0.1:" + port + "/"));
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions()
        .failFast("the application's Payara Micro exited; see demo/target/txapp/payara.log", () -> !app.isAlive())
        .until(() -> orders.get("orders").status() == 200);
  }

  @AfterAll
  static void undeploy() throws InterruptedException {
    if (app != null) {
      app.destroy();
      if (!app.waitFor(30, TimeUnit.SECONDS)) {
        app.destroyForcibly();
      }
    }
  }

  private static JsonObject place(String label, boolean refuse, boolean transaction) {
    var a = orders.post("orders?label=" + label + "&refuse=" + refuse + "&transaction=" + transaction, "");
    assertEquals(200, a.status(), a.toString());
    assertTrue(a.json().getBoolean("done"), "the answer is complete when the request returns: " + a);
    return a.json();
  }

  @Test
  void aCommittedTransactionSubmitsItsTask() throws Exception {
    String label = "order-" + UUID.randomUUID().toString().substring(0, 8);
    String id = place(label, false, true).getString("task_id");
    var task = baton.await(id, Duration.ofSeconds(60));
    assertEquals(TaskStatus.COMPLETED, task.status());
    assertEquals(label, task.label());
    assertEquals(1, baton.list(TaskFilter.all().search(label)).total());
  }

  @Test
  void aRolledBackTransactionSubmitsNothing() {
    String label = "order-" + UUID.randomUUID().toString().substring(0, 8);
    JsonObject answer = place(label, true, true);
    assertEquals("RolledBackException", answer.getString("failure"));
    assertFalse(answer.containsKey("task_id"));
    // The request has returned, and with it both transaction phases: had anything been sent, it would be stored.
    assertEquals(0, baton.list(TaskFilter.all().search(label)).total());
  }

  @Test
  void withoutATransactionTheTaskGoesAtOnce() {
    String label = "order-" + UUID.randomUUID().toString().substring(0, 8);
    String id = place(label, false, false).getString("task_id");
    assertEquals(label, baton.get(id).label());
  }

  /** The application as a WAR: its classes from the test build, the client's jar in WEB-INF/lib. */
  private static Path war(Path war) throws IOException, java.net.URISyntaxException {
    Path classes = Path.of(OrdersApp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path client = Path.of(BatonClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(war))) {
      zip.putNextEntry(new ZipEntry("WEB-INF/beans.xml"));
      zip.write("<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"4.0\" bean-discovery-mode=\"annotated\"/>".getBytes());
      Path app = classes.resolve("dev/baton/demo/txapp");
      try (Stream<Path> files = Files.list(app)) {
        for (Path f : files.toList()) {
          zip.putNextEntry(new ZipEntry("WEB-INF/classes/" + classes.relativize(f).toString().replace('\\', '/')));
          Files.copy(f, zip);
        }
      }
      zip.putNextEntry(new ZipEntry("WEB-INF/lib/baton-client.jar"));
      if (Files.isDirectory(client)) {
        jar(client, zip); // the reactor's target/classes when the jar is not built
      } else {
        Files.copy(client, zip);
      }
    }
    return war;
  }

  private static void jar(Path dir, OutputStream out) throws IOException {
    ZipOutputStream inner = new ZipOutputStream(out);
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        inner.putNextEntry(new ZipEntry(dir.relativize(f).toString().replace('\\', '/')));
        Files.copy(f, inner);
      }
    }
    inner.finish(); // not close: the outer zip goes on
  }

  private static void deleteTree(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> all = Files.walk(dir)) {
        for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }
}
