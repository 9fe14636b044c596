package dev.baton.demo;

import dev.baton.client.BatonClient;
import dev.baton.client.SystemStatus;
import dev.baton.client.Task;
import dev.baton.client.TaskFilter;
import dev.baton.client.TaskPage;
import dev.baton.client.TaskRequest;
import dev.baton.client.TaskStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
/**
 * The end-to-end benchmark: submits N no-op tasks (or, with --task-ms, sleep tasks of that many milliseconds:
 * work that occupies a slot without using a core) through the batch endpoint of a running cluster, waits
 * until all are completed and prints one JSON line: tasks per second from the first submit to the last
 * completion, the submit rate, and latencies created->started and created->finished (p50/p95/p99).
 * Every task goes the full path: REST -> Redis -> Artemis -> worker -> Redis.
 */
public final class Bench {
  private final BatonClient baton;
  private final int tasks;
  private final TaskRequest task;

  private Bench(BatonClient baton, int tasks, int taskMs) {
    this.baton = baton;
    this.tasks = tasks;
    this.task = taskMs == 0 ? TaskRequest.of("noop") : TaskRequest.of("sleep").data(java.util.Map.of("steps", 1, "step_ms", taskMs));
  }

  public static void main(String[] args) throws Exception {
    String url = "http://127.0.0.1:8080";
    int n = 20_000;
    int taskMs = 0;
    java.nio.file.Path csv = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--url" -> url = args[++i];
        case "--tasks" -> n = Integer.parseInt(args[++i]);
        case "--task-ms" -> taskMs = Integer.parseInt(args[++i]);
        case "--csv" -> csv = java.nio.file.Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i] + " (--url, --tasks, --task-ms MS, --csv FILE)");
      }
    }
    Bench bench = new Bench(BatonClient.builder(url).credentialsFromEnvironment().build(), n, taskMs);
    System.out.println(bench.run());
    if (csv != null) { // a row for the scaling experiment (Experiment.ScalingPoint)
      java.nio.file.Files.writeString(
          csv, bench.row + "\n", java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }
  }

  private String row;

  private String run() throws Exception {
    SystemStatus before = baton.status();
    long completedBefore = before.completedTotal();
    System.err.printf("bench: %d %s tasks, %d live workers with %d slots%n", tasks, task.body().get("data") == null ? "no-op" : "sleep " + task.body().get("data"), before.workersAlive(), before.slots());

    long start = System.currentTimeMillis();
    Set<String> ids = Load.submit(baton, tasks, task);
    long submitted = System.currentTimeMillis();
    System.err.printf("bench: submitted in %.1f s, waiting for completion ...%n", (submitted - start) / 1000.0);

    long deadline = System.currentTimeMillis() + Math.max(120_000, tasks * 20L);
    while (true) {
      long done = baton.status().completedTotal() - completedBefore;
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
            Locale.ROOT, "%d,%d,%d,%.1f,%d,%d,%d,%d", before.workersAlive(), before.slots(), tasks, tasks / seconds,
            at(toStart, 0.5), at(toStart, 0.95), at(toFinish, 0.5), at(toFinish, 0.95));
    return String.format(
        Locale.ROOT,
        "{\"tasks\":%d,\"workers\":%d,\"slots\":%d,\"seconds\":%.2f,\"tasks_per_s\":%.0f,\"submit_per_s\":%.0f,"
            + "\"latency_ms\":{\"created_to_started\":%s,\"created_to_finished\":%s}}",
        tasks,
        before.workersAlive(),
        before.slots(),
        seconds,
        tasks / seconds,
        tasks / ((submitted - start) / 1000.0),
        percentiles(toStart),
        percentiles(toFinish));
  }

  /** created, started, finished (ms) of every submitted task, read back page by page. */
  private List<long[]> collect(Set<String> ids) {
    Map<String, long[]> found = new HashMap<>();
    // One filter (an index read by rank), page after page by cursor
    TaskFilter filter = TaskFilter.all().type(task.type()).page(0, BatonClient.MAX_BATCH);
    for (TaskPage page = baton.list(filter); found.size() < ids.size(); page = baton.next(filter, page)) {
      if (page.tasks().isEmpty()) {
        throw new IllegalStateException("found " + found.size() + " of " + ids.size() + " completed tasks");
      }
      for (Task t : page.tasks()) {
        if (ids.contains(t.id()) && t.status() == TaskStatus.COMPLETED) {
          found.put(t.id(), new long[] {t.createdAt().toEpochMilli(), t.startedAt().toEpochMilli(), t.finishedAt().toEpochMilli()});
        }
      }
    }
    return new ArrayList<>(found.values());
  }

  private static String percentiles(long[] sorted) {
    return String.format(
        Locale.ROOT, "{\"p50\":%d,\"p95\":%d,\"p99\":%d}", at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99));
  }

  private static long at(long[] sorted, double q) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
  }
}
