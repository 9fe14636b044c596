package dev.baton.demo;

import static org.awaitility.Awaitility.await;

import dev.baton.testing.Http;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One whole cluster for the test classes that can share it (the fault tests and the console's browser
 * tests): started by the first class that asks, stopped when the whole run ends (JUnit closes resources
 * of the root store last). Its settings: worker-3 lacks the io type and takes only from the queues
 * {@value #WORKER_3_QUEUES}; a lost send is retried after 5 s; Telegram is played by {@link #TELEGRAM}; every
 * component but Redis logs JSON lines.
 */
final class SharedCluster implements ParameterResolver {
  private static final String KEY = "baton.shared-cluster";
  static final String WORKER_3_QUEUES = "default,gpu,mail,night";
  /** The Telegram Bot API the shared cluster's managers talk to. */
  static final TelegramStub TELEGRAM = stub();

  private static TelegramStub stub() {
    try {
      return new TelegramStub();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Closes the cluster when JUnit closes the root store, at the very end of the run. */
  private record Holder(Cluster cluster) implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      cluster.close();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
    return p.getParameter().getType() == Cluster.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext e) {
    return e.getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(KEY, k -> start(), Holder.class)
        .cluster();
  }

  private static Holder start() {
    long t0 = System.nanoTime();
    try {
      Cluster c =
          Cluster.start(
              "shared-it",
              Map.of(
                  "BATON_WORKER_3_OPTS", "-Dbaton.worker.types=computation,network,noop,sleep -Dbaton.worker.queues=" + WORKER_3_QUEUES,
                  "BATON_SCRAPE_INTERVAL", "1s", // ./demo.sh monitoring's Prometheus (MonitoringIT)
                  "BATON_LOG_FORMAT", "json", // structured logs (LogsIT); the other cluster keeps text
                  "BATON_ATTEMPT_LOG", "1", // the workers' own logs of their attempts (NemesisIT's checker reads them)
                  "BATON_JAVA_OPTS", "-Dbaton.dispatch.timeout-s=5 -Dbaton.telegram.api-url=" + TELEGRAM.url()
                      + " -Dbaton.telegram.bot-token=" + TelegramStub.TOKEN + " -Dbaton.telegram.chat-id=" + TelegramStub.CHAT));
      System.out.printf("shared cluster started in %.1f s%n", (System.nanoTime() - t0) / 1e9);
      return new Holder(c);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Back to full health: every component running, nothing paused, no simulated failure left, all UP. */
  static void heal(Cluster cluster, Http http) {
    for (int n = 1; n <= 3; n++) {
      cluster.run("heal-worker", Integer.toString(n));
    }
    cluster.demo("start");
    for (int n = 1; n <= 3; n++) {
      http.post("api/workers/worker-" + n + "/recover", "");
    }
    for (var q : http.get("api/queues").json().getJsonArray("queues")) { // every queue running, without limits
      String name = q.asJsonObject().getString("name");
      if (!q.asJsonObject().getString("state").equals("active")) {
        http.post("api/queues/" + name + "/resume", "");
      }
      if (!q.asJsonObject().isNull("concurrency") || !q.asJsonObject().isNull("rate_limit")) {
        http.method("PUT", "api/queues/" + name, "{}");
      }
    }
    // UP, not just alive: a worker still seen OVERLOADED would let the balancer move the next test's tasks.
    await("three workers UP")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(300))
        .until(
            () -> {
              Http.Answer a = http.get("api/workers");
              return a.status() == 200
                  && a.json().getJsonArray("workers").stream()
                          .filter(w -> w.asJsonObject().getString("status").equals("UP") && w.asJsonObject().getBoolean("alive"))
                          .count()
                      == 3;
            });
  }
}
