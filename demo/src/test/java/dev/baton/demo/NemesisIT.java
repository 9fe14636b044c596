package dev.baton.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.testing.Http;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The short nemesis run of the suite: a fixed seed, three minutes, every kind of fault at least once (kills, pauses,
 * partitions of a worker, one-way losses, a split, Redis and the broker cut off and killed, the manager killed) under
 * the mixed workload; the checker must find every property held. The long runs are in the README.
 */
@Timeout(value = 12, unit = TimeUnit.MINUTES)
@ExtendWith(SharedCluster.class)
class NemesisIT {
  private static final long SEED = 7;

  @AfterEach
  void heal(Cluster cluster) {
    SharedCluster.heal(cluster, cluster.api());
  }

  @Test
  void aShortSeededRunWithEveryFaultKeepsEveryProperty(Cluster cluster) throws Exception {
    Assumptions.assumeTrue(cluster.run("partition", "--check").exit() == 0, "network faults need root, nftables and cgroup v2");
    Cluster.Result run = cluster.run("nemesis", "--seed", Long.toString(SEED), "--minutes", "3");

    Path report = cluster.runDir().resolve("nemesis/" + SEED);
    JsonObject verdict = json(Files.readString(report.resolve("verdict.json")));
    for (JsonValue v : verdict.getJsonArray("verdicts")) {
      JsonObject p = v.asJsonObject();
      assertTrue(p.getBoolean("ok"), p.getString("property") + ": " + p.getString("summary") + " " + p.getJsonArray("counter_examples"));
    }
    assertEquals(0, run.exit(), "the run judged valid");
    assertTrue(verdict.getInt("operations") > 300, "a real workload: " + verdict.getInt("operations") + " operations");
    assertTrue(verdict.getInt("unknown") > 0, "some answers were unknown (the faults were felt by the clients)");
    String workersSide = verdict.getJsonArray("verdicts").stream().map(JsonValue::asJsonObject)
        .filter(v -> v.getString("property").equals("worker-outcomes")).findFirst().orElseThrow().getString("summary");
    assertTrue(workersSide.matches("\\d+ attempts in the workers' logs, \\d+ pairs ran at once, .*"), "judged from the workers' logs: " + workersSide);

    // every kind of fault broke something, and every one was healed
    Set<String> broken = new TreeSet<>();
    for (String line : Files.readAllLines(report.resolve("faults.jsonl"))) {
      if (!line.isBlank()) {
        JsonObject f = json(line);
        if (f.getString("action").equals("break") && f.getInt("exit") == 0) {
          broken.add(f.getString("kind"));
        }
      }
    }
    assertEquals(new TreeSet<>(List.of("kill", "pause", "partition", "one-way", "split", "partition-redis", "partition-broker",
        "kill-redis", "kill-broker", "kill-manager")), broken);
    // the report: the picture (PNG, SVG) and the availability of submits and reads per kind of fault
    assertTrue(Files.size(report.resolve("picture.png")) > 10_000, "picture.png");
    assertTrue(Files.readString(report.resolve("picture.svg")).contains("<svg"), "picture.svg");
    assertEquals(broken, verdict.getJsonArray("availability").stream().map(v -> v.asJsonObject().getString("kind"))
        .collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
    // and the checker judges the same files the same way again, on its own
    Cluster.Result again = cluster.run("nemesis", "--check", report.toString());
    assertEquals(0, again.exit(), again.output());
    Http api = cluster.api();
    assertEquals(200, api.get("api/system/status").status(), "the cluster answers after the run");
  }

  private static JsonObject json(String text) {
    try (var r = Json.createReader(new StringReader(text))) {
      return r.readObject();
    }
  }
}
