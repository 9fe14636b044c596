package dev.baton.demo;

import dev.baton.client.BatonClient;
import dev.baton.client.SystemStatus;
import dev.baton.client.Task;
import dev.baton.client.TaskFilter;
import dev.baton.client.TaskPage;
import dev.baton.client.TaskRequest;
import dev.baton.client.TaskStatus;
import dev.baton.client.Worker;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The end-to-end benchmark, on the anchors' workloads (../shared/anchors: the same ones BullMQ and Celery run), through
 * the batch endpoint of a running cluster; every task goes the whole path: REST -> Redis -> Artemis -> worker -> Redis.
 *
 * <ul>
 *   <li>w1: N no-op tasks (default 20,000): throughput.
 *   <li>w2: 2,000 tasks of 10 ms sleep: efficiency, the ideal time (tasks x 10 ms / slots) over the real one.
 *   <li>w3: 30 tasks of 20 steps x 500 ms, checkpointed every second; 4 s after the first submit the worker running
 *       the most of them is killed (SIGKILL, by its recorded PID): how soon each of its tasks runs again elsewhere,
 *       and that none completes twice. The bench watches 150 s.
 *   <li>idle: 200 no-op tasks one at a time, each submitted once the one before has completed: how soon an idle
 *       cluster starts a task (lat_start_*: from its creation, before the 201, to its start on a worker).
 * </ul>
 *
 * Prints one JSON line with the anchors' keys (jobs, completed, jobs_per_s, enqueue_per_s, lat_*_ms, wall_s,
 * efficiency, ...), and, given the run folder's PID files, the CPU each process spent per task (/proc).
 */
public final class Bench {
  private final BatonClient baton;
  private final String workload;
  private final int tasks;
  private final TaskRequest task;
  private final Path pids;

  private Bench(BatonClient baton, String workload, int tasks, int taskMs, Path pids) {
    this.baton = baton;
    this.workload = workload;
    this.pids = pids;
    switch (workload) {
      case "w1" -> {
        this.tasks = tasks > 0 ? tasks : 20_000;
        this.task = taskMs == 0 ? TaskRequest.of("noop") : sleep(1, taskMs);
      }
      case "w2" -> {
        this.tasks = tasks > 0 ? tasks : 2_000;
        this.task = sleep(1, 10);
      }
      case "w3" -> {
        this.tasks = tasks > 0 ? tasks : 30;
        this.task = sleep(20, 500).checkpointInterval(java.time.Duration.ofSeconds(1));
      }
      case "idle" -> {
        this.tasks = tasks > 0 ? tasks : 200;
        this.task = TaskRequest.of("noop");
      }
      default -> throw new IllegalArgumentException("--workload: w1, w2, w3 or idle, not " + workload);
    }
  }

  private static TaskRequest sleep(int steps, int stepMs) {
    return TaskRequest.of("sleep").data(Map.of("steps", steps, "step_ms", stepMs));
  }

  public static void main(String[] args) throws Exception {
    String url = "http://127.0.0.1:8080";
    String workload = "w1";
    int n = 0;
    int taskMs = 0;
    Path csv = null;
    Path pids = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--url" -> url = args[++i];
        case "--workload" -> workload = args[++i];
        case "--tasks" -> n = Integer.parseInt(args[++i]);
        case "--task-ms" -> taskMs = Integer.parseInt(args[++i]);
        case "--csv" -> csv = Path.of(args[++i]);
        case "--pids" -> pids = Path.of(args[++i]);
        default -> throw new IllegalArgumentException(
            "unknown option " + args[i] + " (--url, --workload w1|w2|w3|idle, --tasks N, --task-ms MS, --csv FILE, --pids DIR)");
      }
    }
    Bench bench = new Bench(BatonClient.builder(url).credentialsFromEnvironment().build(), workload, n, taskMs, pids);
    System.out.println(bench.run());
    if (csv != null) { // a row for the scaling experiment (Experiment.ScalingPoint)
      java.nio.file.Files.writeString(csv, bench.row + "\n", java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }
  }

  private String row;

  private String run() throws Exception {
    SystemStatus before = baton.status();
    long completedBefore = before.completedTotal();
    System.err.printf("bench %s: %d %s tasks, %d live workers with %d slots%n", workload, tasks, task.type(), before.workersAlive(), before.slots());
    CpuTicks cpu = pids == null ? null : CpuTicks.read(pids);

    long start = System.currentTimeMillis();
    Set<String> ids = workload.equals("idle") ? oneAtATime() : Load.submit(baton, tasks, task);
    long submitted = System.currentTimeMillis();
    System.err.printf("bench: submitted in %.1f s, waiting for completion ...%n", (submitted - start) / 1000.0);

    Kill kill = workload.equals("w3") ? killBusiestWorker(start + 4_000) : null;
    long deadline = workload.equals("w3") ? start + 150_000 : System.currentTimeMillis() + Math.max(120_000, tasks * 20L);
    // w3 watches its whole window, so that a late second run of a task shows up as a duplicate
    while ((kill != null || baton.status().completedTotal() - completedBefore < tasks) && System.currentTimeMillis() < deadline) {
      // Polling a remote counter, bounded by the deadline; the figures use the tasks' own timestamps.
      Thread.sleep(100);
    }
    CpuTicks used = cpu == null ? null : CpuTicks.read(pids).minus(cpu);

    Map<String, Task> done = collect(ids);
    if (done.size() < tasks && !workload.equals("w3")) {
      throw new IllegalStateException("only " + done.size() + " of " + tasks + " tasks completed in time");
    }
    long lastFinish = done.values().stream().mapToLong(t -> t.finishedAt().toEpochMilli()).max().orElse(start);
    long[] toStart = done.values().stream().mapToLong(t -> t.startedAt().toEpochMilli() - t.createdAt().toEpochMilli()).sorted().toArray();
    long[] toFinish = done.values().stream().mapToLong(t -> t.finishedAt().toEpochMilli() - t.createdAt().toEpochMilli()).sorted().toArray();
    double wall = (lastFinish - start) / 1000.0;
    row =
        String.format(
            Locale.ROOT, "%d,%d,%d,%.1f,%d,%d,%d,%d", before.workersAlive(), before.slots(), tasks, done.size() / wall,
            at(toStart, 0.5), at(toStart, 0.95), at(toFinish, 0.5), at(toFinish, 0.95));

    Map<String, Object> out = new LinkedHashMap<>();
    out.put("system", "baton");
    out.put("workload", workload);
    out.put("workers", before.workersAlive());
    out.put("slots", before.slots());
    out.put("jobs", tasks);
    out.put("completed", done.size());
    out.put("jobs_per_s", round(done.size() / wall));
    out.put("enqueue_per_s", round(tasks / ((submitted - start) / 1000.0)));
    for (double p : new double[] {0.50, 0.95, 0.99}) {
      out.put("lat_start_p" + (int) (p * 100) + "_ms", at(toStart, p));
    }
    for (double p : new double[] {0.50, 0.95, 0.99}) {
      out.put("lat_finish_p" + (int) (p * 100) + "_ms", at(toFinish, p));
    }
    out.put("wall_s", round(wall));
    if (workload.equals("w2")) {
      out.put("efficiency", Math.round(tasks * 10.0 / before.slots() / (lastFinish - start) * 1000) / 1000.0);
    }
    if (kill != null) {
      kill.report(baton, ids, out);
    }
    if (used != null) {
      out.put("cpu_us_per_task", used.perTask(tasks));
    }
    return json(out);
  }

  /** Each task submitted alone once the one before has completed: the cluster is idle at every submit. */
  private Set<String> oneAtATime() throws Exception {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < tasks; i++) {
      Task t = baton.submit(task);
      ids.add(t.id());
      baton.await(t.id(), java.time.Duration.ofSeconds(30));
    }
    return ids;
  }

  /** The worker that was killed, when, and the tasks it was running then. */
  private record Kill(String worker, long killedAt, Set<String> running) {
    /** How soon each of its tasks started again on another worker, and how many tasks completed more than once. */
    void report(BatonClient baton, Set<String> ids, Map<String, Object> out) {
      List<Long> recovery = new ArrayList<>();
      int twice = 0;
      for (String id : ids) {
        JsonObject t = baton.get(id).json();
        List<Long> startsElsewhere = new ArrayList<>();
        int completions = 0;
        for (JsonValue v : t.getJsonArray("history")) {
          JsonObject h = v.asJsonObject();
          String to = h.getString("to", "");
          long hat = Instant.parse(h.getString("at")).toEpochMilli();
          if (to.equals("RUNNING") && !worker.equals(h.getString("worker", "")) && hat > killedAt) {
            startsElsewhere.add(hat);
          }
          completions += to.equals("COMPLETED") ? 1 : 0;
        }
        twice += Math.max(0, completions - 1);
        if (running.contains(id) && !startsElsewhere.isEmpty()) {
          recovery.add(startsElsewhere.stream().min(Long::compare).orElseThrow() - killedAt);
        }
      }
      long[] sorted = recovery.stream().mapToLong(Long::longValue).sorted().toArray();
      out.put("killed_worker", worker);
      out.put("killed_running", running.size());
      out.put("restarted_elsewhere", recovery.size());
      out.put("recovery_ms_p50", sorted.length == 0 ? null : at(sorted, 0.5));
      out.put("recovery_ms_max", sorted.length == 0 ? null : sorted[sorted.length - 1]);
      out.put("dup_complete", twice);
    }
  }

  /** At {@code when}, SIGKILL the worker that runs the most tasks (by the PID its launcher recorded). */
  private Kill killBusiestWorker(long when) throws Exception {
    if (pids == null) {
      throw new IllegalArgumentException("w3 kills a worker: it needs --pids (the run folder's pids/)");
    }
    Thread.sleep(Math.max(0, when - System.currentTimeMillis()));
    Worker victim = baton.workers().stream().filter(Worker::alive).max(java.util.Comparator.comparingInt(Worker::running)).orElseThrow();
    long pid = Long.parseLong(java.nio.file.Files.readString(pids.resolve(victim.id() + ".pid")).strip());
    long at = System.currentTimeMillis();
    ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(victim.id() + " (pid " + pid + ") is not running")).destroyForcibly();
    System.err.printf("bench: killed %s (pid %d) running %d tasks%n", victim.id(), pid, victim.running());
    return new Kill(victim.id(), at, new HashSet<>(victim.runningTasks()));
  }

  /** Every submitted task that completed, read back page by page (the listing is one index read by rank). */
  private Map<String, Task> collect(Set<String> ids) {
    Map<String, Task> found = new HashMap<>();
    // one filter: an index read by rank (two would make the server scan)
    TaskFilter filter = TaskFilter.all().type(task.type()).page(0, BatonClient.MAX_BATCH);
    for (TaskPage page = baton.list(filter); found.size() < ids.size() && !page.tasks().isEmpty(); page = baton.next(filter, page)) {
      for (Task t : page.tasks()) {
        if (ids.contains(t.id()) && t.status() == TaskStatus.COMPLETED) {
          found.put(t.id(), t);
        }
      }
      if (page.next() == null) {
        break;
      }
    }
    return found;
  }

  private static double round(double x) {
    return Math.round(x * 10) / 10.0;
  }

  private static String json(Map<String, Object> m) {
    StringBuilder b = new StringBuilder("{");
    m.forEach(
        (k, v) -> {
          b.append(b.length() > 1 ? "," : "").append('"').append(k).append("\":");
          if (v instanceof String s) {
            b.append('"').append(s).append('"');
          } else if (v instanceof Map<?, ?> inner) {
            @SuppressWarnings("unchecked")
            Map<String, Object> typed = (Map<String, Object>) inner;
            b.append(json(typed));
          } else {
            b.append(v);
          }
        });
    return b.append('}').toString();
  }

  private static long at(long[] sorted, double q) {
    return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
  }
}
