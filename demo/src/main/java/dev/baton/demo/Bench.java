package dev.baton.demo;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The end-to-end benchmark: submits N no-op tasks through the batch endpoint of a running cluster, waits
 * until all are completed and prints one JSON line: tasks per second from the first submit to the last
 * completion, the submit rate, and latencies created->started and created->finished (p50/p95/p99).
 * Every task goes the full path: REST -> Redis -> Artemis -> worker -> Redis.
 */
public final class Bench {
  private static final int BATCH = ApiHttp.BATCH;

  private final URI manager;
  private final int tasks;

  private Bench(URI manager, int tasks) {
    this.manager = manager;
    this.tasks = tasks;
  }

  public static void main(String[] args) throws Exception {
    String url = "http://127.0.0.1:8080";
    int n = 20_000;
    java.nio.file.Path csv = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--url" -> url = args[++i];
        case "--tasks" -> n = Integer.parseInt(args[++i]);
        case "--csv" -> csv = java.nio.file.Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i] + " (--url, --tasks, --csv FILE)");
      }
    }
    Bench bench = new Bench(URI.create(url), n);
    System.out.println(bench.run());
    if (csv != null) { // a row for the scaling experiment (Experiment.ScalingPoint)
      java.nio.file.Files.writeString(
          csv, bench.row + "\n", java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }
  }

  private String row;

  private String run() throws Exception {
    JsonObject before = get("/api/system/status");
    long completedBefore = before.getJsonObject("throughput").getJsonNumber("completed_total").longValue();
    JsonObject workers = before.getJsonObject("components").getJsonObject("workers");
    System.err.printf("bench: %d no-op tasks, %d live workers with %d slots%n", tasks, workers.getInt("alive"), workers.getInt("slots"));

    long start = System.currentTimeMillis();
    Set<String> ids = ApiHttp.submitNoops(manager, tasks);
    long submitted = System.currentTimeMillis();
    System.err.printf("bench: submitted in %.1f s, waiting for completion ...%n", (submitted - start) / 1000.0);

    long deadline = System.currentTimeMillis() + Math.max(120_000, tasks * 20L);
    while (true) {
      long done = ApiHttp.completedTotal(manager) - completedBefore;
      if (done >= tasks) {
        break;
      }
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("only " + done + " of " + tasks + " tasks completed in time");
      }
      // Polling a remote counter, bounded by the deadline above; the figures use the tasks' own timestamps.
      Thread.sleep(250);
    }

    List<long[]> times = collect(ids);
    long lastFinish = times.stream().mapToLong(t -> t[2]).max().orElseThrow();
    long[] toStart = times.stream().mapToLong(t -> t[1] - t[0]).sorted().toArray();
    long[] toFinish = times.stream().mapToLong(t -> t[2] - t[0]).sorted().toArray();
    double seconds = (lastFinish - start) / 1000.0;
    row =
        String.format(
            Locale.ROOT, "%d,%d,%d,%.1f,%d,%d,%d,%d", workers.getInt("alive"), workers.getInt("slots"), tasks, tasks / seconds,
            at(toStart, 0.5), at(toStart, 0.95), at(toFinish, 0.5), at(toFinish, 0.95));
    return String.format(
        Locale.ROOT,
        "{\"tasks\":%d,\"workers\":%d,\"slots\":%d,\"seconds\":%.2f,\"tasks_per_s\":%.0f,\"submit_per_s\":%.0f,"
            + "\"latency_ms\":{\"created_to_started\":%s,\"created_to_finished\":%s}}",
        tasks,
        workers.getInt("alive"),
        workers.getInt("slots"),
        seconds,
        tasks / seconds,
        tasks / ((submitted - start) / 1000.0),
        percentiles(toStart),
        percentiles(toFinish));
  }

  /** created, started, finished (ms) of every submitted task, read back page by page. */
  private List<long[]> collect(Set<String> ids) throws Exception {
    Map<String, long[]> found = new HashMap<>();
    for (int offset = 0; found.size() < ids.size(); offset += BATCH) {
      // One filter: an index walk; several filters make the server scan.
      JsonObject page = get("/api/tasks?type=noop&limit=" + BATCH + "&offset=" + offset);
      var list = page.getJsonArray("tasks");
      if (list.isEmpty()) {
        throw new IllegalStateException("found " + found.size() + " of " + ids.size() + " completed tasks");
      }
      for (JsonValue v : list) {
        JsonObject t = v.asJsonObject();
        if (ids.contains(t.getString("id")) && t.getString("status").equals("COMPLETED")) {
          found.put(
              t.getString("id"),
              new long[] {ms(t, "created_at"), ms(t, "started_at"), ms(t, "finished_at")});
        }
      }
    }
    return new ArrayList<>(found.values());
  }

  private static long ms(JsonObject t, String field) {
    return Instant.parse(t.getString(field)).toEpochMilli();
  }

  private static String percentiles(long[] sorted) {
    return String.format(
        Locale.ROOT, "{\"p50\":%d,\"p95\":%d,\"p99\":%d}", at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99));
  }

  private static long at(long[] sorted, double q) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
  }

  private JsonObject get(String path) throws Exception {
    return ApiHttp.getJson(manager, path);
  }
}
