package dev.baton.nemesis;

import dev.baton.nemesis.Checker.QueueLimits;
import dev.baton.nemesis.Faults.Fault;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./demo.sh nemesis [--seed N] [--minutes M] [--faults kill,pause,...]}: the workload and the fault schedule
 * against the running cluster for M minutes, then every fault healed, then - once every task has ended or the bound
 * has passed - the checker. Everything lands in {@code run/nemesis/<seed>/}: the schedule, the faults as they
 * happened, the history, the tasks as the cluster reports them, and the verdicts. Exit code 0 only if every property
 * held.
 */
public final class NemesisRun {
  /** How long after the heal every acknowledged task must have ended. */
  static final long BOUND_MS = 120_000;
  /** The schedule that fires every second during the run. */
  static final String CRON = "nemesis-tick";
  /** The limited queue's limits: two at once, four starts per two seconds. */
  static final QueueLimits LIMITS = new QueueLimits(Workload.LIMITED_QUEUE, 2, 4, 2_000);

  private final Api api;
  private final Path checkout;
  private final Path runDir;
  private final Path out;
  private final long seed;
  private final long totalMs;
  private final Set<String> kinds;
  private final int workers;

  private NemesisRun(Map<String, String> args) throws IOException {
    this.seed = Long.parseLong(args.getOrDefault("seed", "1"));
    this.totalMs = (long) (Double.parseDouble(args.getOrDefault("minutes", "3")) * 60_000);
    this.kinds = new LinkedHashSet<>(Arrays.asList(args.getOrDefault("faults", String.join(",", Faults.KINDS)).split(",")));
    if (!Faults.KINDS.containsAll(kinds)) {
      throw new IllegalArgumentException("unknown fault in " + kinds + "; known: " + Faults.KINDS);
    }
    this.workers = Integer.parseInt(args.getOrDefault("workers", "3"));
    this.checkout = Path.of(args.getOrDefault("checkout", "."));
    this.runDir = Path.of(args.getOrDefault("run-dir", "run"));
    String password = System.getenv("BATON_ADMIN_PASSWORD");
    if (password == null) {
      throw new IllegalArgumentException("BATON_ADMIN_PASSWORD is not set (demo.sh sets it)");
    }
    this.api = new Api(URI.create(args.getOrDefault("url", "http://127.0.0.1:8080") + "/"), password, Duration.ofSeconds(5));
    this.out = runDir.resolve("nemesis").resolve(Long.toString(seed));
    Files.createDirectories(out);
  }

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = new ConcurrentHashMap<>();
    for (int i = 0; i + 1 < argv.length; i += 2) {
      args.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
    }
    System.exit(new NemesisRun(args).run() ? 0 : 1);
  }

  private boolean run() throws Exception {
    List<Fault> schedule = Faults.schedule(seed, totalMs, kinds, workers);
    write("schedule.json", Json.createArrayBuilder(schedule.stream().map(f -> f.toJson(workers)).toList()).build().toString());
    say("nemesis seed %d: %.1f min, %d faults (%s), report in %s", seed, totalMs / 60_000.0, schedule.size(),
        String.join(",", kinds), out);
    Api.Answer limits = api.put("api/queues/" + LIMITS.queue(), Json.createObjectBuilder().add("concurrency", LIMITS.concurrency())
        .add("rate_limit", Json.createObjectBuilder().add("max", LIMITS.rateMax()).add("per_s", LIMITS.ratePerMs() / 1000)).build());
    if (limits.status() != 200) {
      throw new IllegalStateException("could not set the limited queue's limits: " + limits);
    }

    // a schedule firing every second through the faults (each tick must make one task at most)
    api.method("DELETE", "api/schedules/" + CRON);
    Api.Answer cron = api.post("api/schedules", Json.createObjectBuilder().add("name", CRON).add("cron", "* * * * * *")
        .add("overlap", "allow").add("task", Json.createObjectBuilder().add("type", "noop")).build());
    if (cron.status() != 201) {
      throw new IllegalStateException("could not create the schedule " + CRON + ": " + cron);
    }

    long start = System.currentTimeMillis();
    List<JsonObject> happened = new ArrayList<>();
    try (HistoryLog log = new HistoryLog(out.resolve("history.jsonl"))) {
      Workload workload = new Workload(api, log, seed, Long.toString(start, 36));
      ExecutorService clients = Executors.newFixedThreadPool(3);
      for (int c = 1; c <= 3; c++) {
        int n = c;
        clients.submit(() -> workload.client(n));
      }
      inject(schedule, start, happened);
      heal(happened, start);
      long healedAt = System.currentTimeMillis();
      workload.stop();
      clients.shutdown();
      if (!clients.awaitTermination(5, TimeUnit.MINUTES)) {
        say("clients still settling their unknown submits after 5 min");
      }
      write("faults.jsonl", String.join("\n", happened.stream().map(JsonObject::toString).toList()) + "\n");
      Api.Answer stopped = api.method("DELETE", "api/schedules/" + CRON);
      if (stopped.status() != 204 && stopped.status() != 200) {
        say("could not delete the schedule %s: %s", CRON, stopped);
      }
      long settled = awaitQuiet(healedAt);
      List<JsonObject> events = collectEvents(start);
      Set<String> ticked = new LinkedHashSet<>(); // the tasks the schedule made: the checker judges them too,
      events.stream().filter(e -> "schedule.fired".equals(e.getString("type", "")) && e.get("task_id") instanceof jakarta.json.JsonString)
          .forEach(e -> ticked.add(e.getString("task_id")));
      ticked.addAll(collectAttempts(start)); // and the tasks the workers ran meanwhile (a test before may have left some)
      observe(log.ops(), ticked);
      write("run.json", Json.createObjectBuilder().add("seed", seed).add("minutes", totalMs / 60_000.0).add("faults", schedule.size())
          .add("start_ms", start).add("healed_ms", healedAt).add("quiet_ms", settled).build().toString());
    }
    return Judge.judge(out);
  }

  /**
   * Breaks on the schedule's times and heals each fault its duration after it actually broke (a command that takes
   * long - a restart - delays the next one; the record says when each happened).
   */
  private void inject(List<Fault> schedule, long start, List<JsonObject> happened) {
    record Step(long atMs, Fault fault, boolean breaks) {}
    java.util.PriorityQueue<Step> steps = new java.util.PriorityQueue<>(Comparator.comparingLong(Step::atMs));
    schedule.forEach(f -> steps.add(new Step(f.atMs(), f, true)));
    while (!steps.isEmpty()) {
      Step s = steps.poll();
      sleepUntil(start + s.atMs());
      if (s.breaks()) {
        Fault f = available(s.fault());
        List<String> cmd = f.breakCmd(workers);
        long at = System.currentTimeMillis();
        int code = demo(cmd);
        record(happened, f, "break", cmd, at, start, code);
        if (code == 0 && RESTARTS.contains(f.healCmd().get(0))) {
          down.add(f.target(workers)); // killed: down until its restart has finished
        }
        steps.add(new Step(System.currentTimeMillis() - start + f.forMs(), f, false));
        continue;
      }
      Fault f = s.fault();
      List<String> cmd = f.healCmd();
      if (RESTARTS.contains(cmd.get(0))) {
        // a restart waits until its process is ready, which may need a link another fault still cuts or another
        // component still being restarted: it runs beside the schedule, never holding up what it may be waiting for
        String target = f.target(workers);
        down.add(target);
        restarter.submit(() -> {
          long at = System.currentTimeMillis();
          record(happened, f, "heal", cmd, at, start, demo(cmd));
          down.remove(target);
        });
      } else {
        long at = System.currentTimeMillis();
        record(happened, f, "heal", cmd, at, start, demo(cmd));
      }
    }
    sleepUntil(start + totalMs);
    restarter.shutdown();
    try {
      restarter.awaitTermination(10, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The fault, struck where it can be: a worker that is down is replaced by the next one that is not; any other
   * process it touches that is down is waited for (up to a minute) - so that every fault breaks something.
   */
  private Fault available(Fault f) {
    if (f.strikesAWorker()) {
      for (int i = 0; i < workers; i++) {
        Fault g = f.on(1 + (f.worker() - 1 + i) % workers);
        if (!down.contains("worker-" + g.worker())) {
          return g;
        }
      }
    }
    long until = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < until && f.hosts(workers).stream().anyMatch(down::contains)) {
      sleepUntil(System.currentTimeMillis() + 200);
    }
    return f;
  }

  /** The processes killed and not back yet (down, or being restarted). */
  private final Set<String> down = ConcurrentHashMap.newKeySet();

  /** demo.sh commands that start a process and wait until it is ready. */
  private static final Set<String> RESTARTS = Set.of("revive", "recover-worker");

  /** Restarts run side by side: a worker waiting for the broker must not hold up the broker's own restart. */
  private final ExecutorService restarter = Executors.newCachedThreadPool();

  private void record(List<JsonObject> happened, Fault f, String action, List<String> cmd, long at, long start, int code) {
    long done = System.currentTimeMillis();
    synchronized (happened) {
      happened.add(Json.createObjectBuilder().add("n", f.n()).add("kind", f.kind()).add("target", f.target(workers)).add("action", action)
          .add("at_ms", at - start).add("wall_ms", at).add("took_ms", done - at).add("command", String.join(" ", cmd))
          .add("exit", code).build());
    }
    say("%6.1f s  %-5s %-16s %-28s (%s%s, %.1f s)", (at - start) / 1000.0, action, f.kind(), f.target(workers), String.join(" ", cmd),
        code == 0 ? "" : ", exit " + code, (done - at) / 1000.0);
  }

  /** Whatever is still broken is healed: every link, every paused worker, every process not running started. */
  private void heal(List<JsonObject> happened, long start) {
    long at = System.currentTimeMillis();
    demo(List.of("heal"));
    for (int w = 1; w <= workers; w++) {
      demo(List.of("heal-worker", "" + w));
    }
    demo(List.of("start"));
    happened.add(Json.createObjectBuilder().add("n", -1).add("kind", "heal-all").add("target", "all").add("action", "heal")
        .add("at_ms", at - start).add("wall_ms", at).add("took_ms", System.currentTimeMillis() - at).add("command", "heal; start")
        .add("exit", 0).build());
    say("%6.1f s  healed everything", (System.currentTimeMillis() - start) / 1000.0);
  }

  /** Waits until no task is between states (or the bound passes); returns when. */
  private long awaitQuiet(long healedAt) {
    Set<String> moving = Set.of("CREATED", "ASSIGNED", "RUNNING", "RETRYING", "RECOVERING", "MIGRATING", "SCHEDULED", "WAITING",
        "RELEASED");
    while (System.currentTimeMillis() < healedAt + BOUND_MS + 30_000) {
      Api.Answer a = api.get("api/system/status");
      if (a.status() == 200) {
        JsonObject counts = a.json().getJsonObject("tasks");
        long busy = counts.entrySet().stream().filter(e -> moving.contains(e.getKey()))
            .mapToLong(e -> e.getValue() instanceof jakarta.json.JsonNumber n ? n.longValue() : 0).sum();
        if (busy == 0) {
          return System.currentTimeMillis();
        }
      }
      sleepUntil(System.currentTimeMillis() + 1_000);
    }
    return System.currentTimeMillis();
  }

  /** Every task the history names, as the cluster reports it now (GET /api/tasks/{id}, with its history): tasks.jsonl. */
  private void observe(List<Op> history, Set<String> more) throws IOException {
    Set<String> ids = new LinkedHashSet<>(more);
    for (Op op : history) {
      if (op.value().containsKey("tasks")) {
        op.value().getJsonArray("tasks").getValuesAs(jakarta.json.JsonString.class).forEach(s -> ids.add(s.getString()));
      }
      if (op.value().containsKey("task")) {
        ids.add(op.value().getString("task"));
      }
    }
    List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
    Set<String> missing = java.util.Collections.synchronizedSet(new HashSet<>());
    ExecutorService readers = Executors.newFixedThreadPool(4);
    for (String id : ids) {
      readers.submit(() -> {
        for (int tries = 0; tries < 5; tries++) {
          Api.Answer a = api.get("api/tasks/" + id);
          if (a.status() == 200) {
            lines.add(a.json().toString());
            return;
          }
          if (a.status() == 404) {
            missing.add(id);
            return;
          }
        }
        missing.add(id);
      });
    }
    readers.shutdown();
    try {
      readers.awaitTermination(10, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    write("tasks.jsonl", String.join("\n", lines) + "\n");
    if (!missing.isEmpty()) {
      say("%d task(s) the history names are unknown to the cluster", missing.size());
    }

  }

  /** The workers' attempt logs (run/worker-N/attempts.jsonl, if the cluster keeps them) over the run: attempts.jsonl. */
  private Set<String> collectAttempts(long start) throws IOException {
    List<JsonObject> lines = new ArrayList<>();
    for (int w = 1; w <= workers; w++) {
      Path file = runDir.resolve("worker-" + w).resolve("attempts.jsonl");
      if (Files.exists(file)) {
        for (String line : Files.readAllLines(file)) {
          try (var r = Json.createReader(new java.io.StringReader(line))) {
            JsonObject a = r.readObject();
            if (a.getJsonNumber("at_ms").longValue() >= start) {
              lines.add(a);
            }
          } catch (RuntimeException halfWritten) {
            // the last line of a worker killed while writing it
          }
        }
      }
    }
    lines.sort(Comparator.comparingLong(a -> a.getJsonNumber("at_ms").longValue()));
    write("attempts.jsonl", lines.stream().map(a -> a + "\n").collect(java.util.stream.Collectors.joining()));
    Set<String> ids = new LinkedHashSet<>();
    lines.forEach(a -> ids.add(a.getString("task")));
    return ids;
  }

  /** The event log back to the run's start, oldest first: events.jsonl (the checker's cron and checkpoint evidence). */
  private List<JsonObject> collectEvents(long start) throws IOException {
    List<JsonObject> newestFirst = new ArrayList<>();
    String before = null;
    boolean older = false;
    while (!older) {
      Api.Answer page = api.get("api/system/events?limit=1000" + (before == null ? "" : "&before=" + before));
      if (page.status() != 200) {
        say("could not read the event log: %s", page);
        break;
      }
      for (var v : page.json().getJsonArray("events")) {
        JsonObject e = v.asJsonObject();
        if (java.time.Instant.parse(e.getString("at")).toEpochMilli() < start) {
          older = true;
          break;
        }
        newestFirst.add(e);
      }
      if (page.json().isNull("next_before")) {
        if (!older) {
          say("the event log no longer holds the run's first events (capped by baton.events.max-length)");
        }
        break;
      }
      before = page.json().getString("next_before");
    }
    java.util.Collections.reverse(newestFirst);
    write("events.jsonl", String.join("\n", newestFirst.stream().map(JsonObject::toString).toList()) + "\n");
    return newestFirst;
  }

  /** Runs ./demo.sh with the given arguments on this run folder; its output goes to nemesis.log. */
  private int demo(List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(checkout.resolve("demo.sh").toString());
    cmd.addAll(args);
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).directory(checkout.toFile()).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(out.resolve("demo.log").toFile()));
      pb.environment().put("BATON_RUN_DIR", runDir.toAbsolutePath().toString());
      pb.environment().put("BATON_NO_BUILD", "1");
      Process p = pb.start();
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        return -1;
      }
      return p.exitValue();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private void write(String name, String content) throws IOException {
    Files.writeString(out.resolve(name), content);
  }

  private static void sleepUntil(long wallMs) {
    long wait = wallMs - System.currentTimeMillis();
    if (wait > 0) {
      try {
        Thread.sleep(wait); // the schedule's clock: the next fault is due then
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void say(String format, Object... args) {
    System.out.printf(format + "%n", args);
  }
}
