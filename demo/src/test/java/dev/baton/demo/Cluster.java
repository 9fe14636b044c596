package dev.baton.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.baton.testing.FreePorts;
import dev.baton.testing.Http;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A whole Baton cluster for tests, started and stopped through demo.sh exactly as people do, in a run
 * folder of its own under target/ and on free ports. Its processes are stopped by demo.sh (by recorded
 * PID) after the tests, and by a shutdown hook if the test JVM ends early.
 */
final class Cluster implements AutoCloseable {
  private final Path root;
  private final Path run;
  private final Map<String, String> env = new HashMap<>();
  private final int managerPort;

  private Cluster(String name, Map<String, String> settings) throws IOException {
    root = Path.of(System.getProperty("baton.root", "..")).toAbsolutePath().normalize();
    run = root.resolve("demo/target/" + name);
    env.put("BATON_RUN_DIR", run.toString()); // before anything runs demo.sh: never the developer's ./run
    if (Files.exists(run.resolve("cluster.env"))) {
      demo("clean");
    }
    managerPort = FreePorts.find();
    env.put("BATON_NO_BUILD", "1");
    env.put("BATON_MANAGER_PORT", Integer.toString(managerPort));
    env.put("BATON_REDIS_PORT", Integer.toString(FreePorts.find()));
    env.put("BATON_BROKER_PORT", Integer.toString(FreePorts.find()));
    env.putAll(settings);
    Runtime.getRuntime().addShutdownHook(new Thread(this::close));
  }

  /** Starts a cluster of the manager and three workers (demo.sh start waits until all are ready). */
  static Cluster start(String name, Map<String, String> settings) throws IOException {
    Cluster c = new Cluster(name, settings);
    c.demo("start");
    return c;
  }

  /** Runs {@code ./demo.sh args...}; fails the test unless it exits 0. Returns its output. */
  String demo(String... args) {
    Result r = run(args);
    assertEquals(0, r.exit(), "demo.sh " + String.join(" ", args) + " failed:\n" + r.output());
    return r.output();
  }

  record Result(int exit, String output) {}

  Result run(String... args) {
    List<String> cmd = new java.util.ArrayList<>(List.of(root.resolve("demo.sh").toString()));
    cmd.addAll(List.of(args));
    try {
      Path out = Files.createTempFile("demo-sh-", ".out");
      ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true).redirectOutput(out.toFile());
      pb.environment().putAll(env);
      Process p = pb.start();
      if (!p.waitFor(10, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IllegalStateException("demo.sh " + String.join(" ", args) + " did not finish in 10 minutes");
      }
      String output = Files.readString(out, StandardCharsets.UTF_8);
      Files.delete(out);
      System.out.print(output.lines().map(l -> "  [demo.sh " + args[0] + "] " + l + "\n").reduce("", String::concat));
      return new Result(p.exitValue(), output);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The manager's API as the user admin (its password is in the run folder's secrets.env). */
  Http api() {
    return new Http(managerUrl()).basic("admin", adminPassword());
  }

  /** The Java client as the user admin. */
  dev.baton.client.BatonClient client() {
    return dev.baton.client.BatonClient.builder(managerUrl().toString()).basicAuth("admin", adminPassword()).build();
  }

  /** The password of Baton's user admin, which demo.sh generated for this cluster. */
  String adminPassword() {
    return secret("ADMIN_PASSWORD");
  }

  URI managerUrl() {
    return URI.create("http://127.0.0.1:" + managerPort + "/");
  }

  /** A client of the cluster's Redis (its port is in the run folder's cluster.env); the caller closes it. */
  dev.baton.store.Redis redis() {
    try {
      String env = Files.readString(runDir().resolve("cluster.env"));
      String port = env.lines().filter(l -> l.startsWith("REDIS_PORT=")).findFirst().orElseThrow().substring(11);
      return new dev.baton.store.Redis(
          URI.create("redis://127.0.0.1:" + port), "default", secret("REDIS_PASSWORD"), "baton:", 100_000, 2, "baton-tests");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** One of the credentials demo.sh generated for this cluster (secrets.env in its run folder, mode 0600). */
  String secret(String name) {
    try {
      return Files.readAllLines(runDir().resolve("secrets.env")).stream()
          .filter(l -> l.startsWith(name + "="))
          .map(l -> l.substring(name.length() + 1))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no " + name + " in secrets.env"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  Path runDir() {
    return run;
  }

  /**
   * The manager's own warnings and errors logged since {@code sinceMillis} (the data grid's and the JDK's
   * certificate chatter left out), each with the innermost cause of its stack trace: what a failing test
   * prints, so that a run on another machine says why the server misbehaved.
   */
  List<String> managerTroubles(long sinceMillis) {
    Path log = run.resolve("logs/manager.log");
    if (!Files.exists(log)) {
      return List.of();
    }
    try (var lines = Files.lines(log, java.nio.charset.StandardCharsets.ISO_8859_1)) {
      return lines
          .filter(l -> l.startsWith("{") && (l.contains("\"Level\":\"SEVERE\"") || l.contains("\"Level\":\"WARNING\"")))
          .map(l -> jakarta.json.Json.createReader(new java.io.StringReader(l)).readObject())
          .filter(j -> Long.parseLong(j.getString("TimeMillis", "0")) >= sinceMillis)
          .filter(j -> !j.getString("LoggerName", "").matches("com\\.hazelcast\\..*|javax\\.enterprise\\.system\\.security\\.ssl"))
          .filter(j -> !j.getString("MessageID", "").equals("faces.metadata.invalid.location"))
          .map(Cluster::trouble)
          .limit(8)
          .toList();
    } catch (IOException | RuntimeException e) {
      return List.of("manager.log unreadable: " + e);
    }
  }

  private static String trouble(jakarta.json.JsonObject j) {
    String text = j.getString("LogMessage", "");
    var thrown = j.getJsonObject("Throwable");
    if (thrown != null) {
      String stack = thrown.getString("StackTrace", "");
      int cause = stack.lastIndexOf("Caused by: ");
      String first = cause >= 0 ? stack.substring(cause) : stack;
      text += " " + thrown.getString("Exception", "") + " <- " + first.lines().limit(3).reduce((a, b) -> a + " " + b.strip()).orElse("");
    }
    return j.getString("Timestamp", "") + " " + j.getString("LoggerName", "") + ": " + text;
  }

  @Override
  public synchronized void close() {
    if (Files.exists(run.resolve("cluster.env"))) {
      run("stop");
    }
  }
}
