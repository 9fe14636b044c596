package dev.baton.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml as compose reads it ({@code docker-compose config}, Debian's compose, which needs no Docker
 * engine): only the manager and Grafana are published, on 127.0.0.1 unless BATON_BIND widens it; every secret is
 * required (no default Grafana password); the data grid's name reaches no command line; Redis' worker user has the
 * same rules as demo.sh gives it.
 */
class ComposeFileTest {
  private static final Path ROOT = Path.of(System.getProperty("baton.root", "..")).toAbsolutePath().normalize();
  private static final Map<String, String> SECRETS =
      Map.ofEntries(
          Map.entry("BATON_REDIS_PASSWORD", "r"), Map.entry("BATON_REDIS_WORKER_PASSWORD", "rw"), Map.entry("BATON_BROKER_MANAGER_PASSWORD", "bm"),
          Map.entry("BATON_BROKER_WORKER_SECRET", "bs"), Map.entry("BATON_BROKER_WORKER_1_PASSWORD", "b1"),
          Map.entry("BATON_BROKER_WORKER_2_PASSWORD", "b2"), Map.entry("BATON_BROKER_WORKER_3_PASSWORD", "b3"),
          Map.entry("BATON_INTERNAL_TOKEN", "it"), Map.entry("BATON_DATA_GRID_NAME", "baton-secret-grid"), Map.entry("GRAFANA_ADMIN_PASSWORD", "g"));

  record Config(int exit, String output) {}

  private static Config config(Map<String, String> env) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder("docker-compose", "-f", ROOT.resolve("docker-compose.yml").toString(), "config").redirectErrorStream(true);
    pb.environment().keySet().removeIf(k -> k.startsWith("BATON_") || k.startsWith("GRAFANA_"));
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    return new Config(p.exitValue(), out);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> services(Map<String, String> env) throws Exception {
    Config c = config(env);
    assertEquals(0, c.exit(), c.output());
    Map<String, Object> doc = new Yaml().load(c.output());
    return (Map<String, Map<String, Object>>) doc.get("services");
  }

  /** Each service's published ports, as compose writes them (host:published:target/protocol). */
  private static Map<String, List<String>> published(Map<String, Map<String, Object>> services) {
    Map<String, List<String>> out = new TreeMap<>();
    services.forEach((name, s) -> {
      if (s.get("ports") instanceof List<?> ports) {
        out.put(name, ports.stream().map(String::valueOf).toList());
      }
    });
    return out;
  }

  @Test
  void publishesTheManagerAndGrafanaOnlyOnLoopback() throws Exception {
    var services = services(SECRETS);
    assertEquals(Map.of("grafana", List.of("127.0.0.1:3000:3000/tcp"), "manager", List.of("127.0.0.1:8080:8080/tcp")), published(services));
    Map<String, String> wide = new HashMap<>(SECRETS);
    wide.put("BATON_BIND", "0.0.0.0");
    assertEquals(
        Map.of("grafana", List.of("0.0.0.0:3000:3000/tcp"), "manager", List.of("0.0.0.0:8080:8080/tcp")), published(services(wide)),
        "BATON_BIND widens it");
  }

  @Test
  void everySecretIsRequired() throws Exception {
    for (String secret : SECRETS.keySet()) {
      Map<String, String> without = new HashMap<>(SECRETS);
      without.remove(secret);
      Config c = config(without);
      assertNotEquals(0, c.exit(), "without " + secret);
      assertTrue(c.output().contains("set " + secret), secret + ": " + c.output());
    }
  }

  @Test
  void theDataGridsNameIsOnNoCommandLine() throws Exception {
    services(SECRETS).forEach((name, s) -> {
      String command = String.valueOf(s.get("command"));
      assertFalse(command.contains("--clustername") || command.contains("baton-secret-grid"), name + ": " + command);
      if (String.valueOf(s.get("image")).startsWith("payara/micro")) {
        assertTrue(command.contains("--prebootcommandfile"), name + " reads the name from its preboot file");
      }
    });
    assertTrue(Files.readString(ROOT.resolve("compose/payara-preboot.asadmin")).contains("cluster-group-name=${ENV=BATON_DATA_GRID_NAME}"));
  }

  @Test
  void redisGivesTheWorkersTheSameRulesAsDemoSh() throws IOException {
    String demo = Files.readString(ROOT.resolve("demo.sh"));
    var m = java.util.regex.Pattern.compile("REDIS_WORKER_ACL='([^']+)'").matcher(demo);
    assertTrue(m.find(), "demo.sh's REDIS_WORKER_ACL");
    assertTrue(Files.readString(ROOT.resolve("docker-compose.yml")).contains("'" + m.group(1) + "'"), "docker-compose.yml's worker user: " + m.group(1));
  }
}
