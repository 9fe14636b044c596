package dev.baton.demo;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The seed's demo scenarios against a running cluster: {@code demo-scenario} (a worker fails, its tasks
 * recover), {@code demo-load-balancing} (a worker is overloaded, its tasks move), {@code demo-cascade} (two
 * workers fail one after the other, everything lands on the third). Each prints what happens as it happens
 * (the live event stream) and ends with a summary and a check that every task completed exactly once; the
 * exit code says whether it did. Failures are caused through demo.sh, as a person would.
 */
public final class Scenarios {
  private static final JsonProvider JSON = JsonProvider.provider();
  private static final HttpClient HTTP = ApiHttp.CLIENT;
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
  private static final Set<String> SHOWN =
      Set.of(
          "task.created", "task.started", "task.resumed", "task.completed", "task.failed", "task.recovering", "task.migrating",
          "task.released", "task.fenced", "task.dead", "worker.joined", "worker.rejoined", "worker.left", "worker.failed",
          "worker.overloaded", "worker.unloaded", "worker.fault");

  private final URI manager;
  private final String demoSh;
  private volatile boolean following = true;

  private Scenarios(URI manager, String demoSh) {
    this.manager = manager;
    this.demoSh = demoSh;
  }

  public static void main(String[] args) throws Exception {
    String name = args.length > 0 ? args[0] : "demo-scenario";
    URI url = URI.create("http://127.0.0.1:8080");
    String demo = "./demo.sh";
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "--url" -> url = URI.create(args[++i]);
        case "--demo" -> demo = args[++i];
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Scenarios s = new Scenarios(url, demo);
    boolean ok =
        switch (name) {
          case "demo-scenario" -> s.workerFails();
          case "demo-load-balancing" -> s.loadBalancing();
          case "demo-cascade" -> s.cascade();
          default -> throw new IllegalArgumentException("unknown scenario " + name);
        };
    System.exit(ok ? 0 : 1);
  }

  // ----------------------------------------------------------------------------------------------

  /** The seed's demo-scenario: five tasks with priorities; worker 1 fails; its tasks recover; it returns. */
  private boolean workerFails() throws Exception {
    say("== Scenario: a worker fails and its tasks recover elsewhere ==");
    Thread events = followEvents();
    step("1. five tasks with priorities 1 to 5 (sleep tasks, 12 steps of 0.5-1.5 s, a checkpoint every 2 s)");
    List<String> ids = new ArrayList<>();
    for (int p = 1; p <= 5; p++) {
      ids.add(create("{\"type\":\"sleep\",\"priority\":" + p + ",\"checkpoint_interval_s\":2,\"data\":{\"steps\":12}}"));
    }
    step("2. processing ...");
    waitUntil(Duration.ofSeconds(20), () -> running(ids).size() == ids.size());
    if (tasksOn("worker-1", ids).isEmpty()) {
      String moved = running(ids).get(0);
      step("   worker-1 has none of them: moving " + shortId(moved) + " there first, to have something to lose");
      post("/api/tasks/" + moved + "/migrate", "{\"worker_id\":\"worker-1\"}");
      waitUntil(Duration.ofSeconds(10), () -> tasksOn("worker-1", ids).contains(moved));
    }
    waitUntil(Duration.ofSeconds(20), () -> tasksOn("worker-1", ids).stream().allMatch(id -> task(id).getInt("checkpoints") >= 1));
    List<String> lost = tasksOn("worker-1", ids);
    step("3. worker-1 fails (kill -9), running " + lost.size() + " of the tasks");
    long t0 = System.nanoTime();
    demo("fail-worker", "1");
    step("4. the failure detector notices, the tasks resume elsewhere from their checkpoints ...");
    Map<String, Double> recovered = waitRunningElsewhere(lost, "worker-1", t0, Duration.ofSeconds(30));
    step("5. worker-1 returns");
    demo("recover-worker", "1");
    waitUntil(Duration.ofSeconds(120), () -> ids.stream().allMatch(id -> status(id).equals("COMPLETED")));
    following = false;
    events.interrupt();
    say("");
    say("== Summary ==");
    recovered.forEach((id, s) -> say(String.format(Locale.ROOT, "  %s recovered from worker-1: running on %s %.2f s after the kill, from %d%%",
        shortId(id), task(id).getString("worker_id"), s, resumedAt(id))));
    double longest = recovered.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    say(String.format(Locale.ROOT, "  tasks recovered: %d; time to recover: %.2f s", recovered.size(), longest));
    return exactlyOnce(ids);
  }

  /** The seed's Lastbalancierung: ten tasks, worker-2 overloaded, the balancer moves its tasks away. */
  private boolean loadBalancing() throws Exception {
    say("== Scenario: load balancing away from an overloaded worker ==");
    Thread events = followEvents();
    step("1. ten tasks with priorities (i % 5 + 1), half a second apart");
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      ids.add(create("{\"type\":\"sleep\",\"priority\":" + (i % 5 + 1) + ",\"data\":{\"steps\":24,\"step_ms\":500}}"));
      Thread.sleep(500); // the seed's pacing between submissions (2 s there)
    }
    waitUntil(Duration.ofSeconds(20), () -> running(ids).size() == ids.size());
    List<String> onTwo = tasksOn("worker-2", ids);
    step("2. worker-2 is overloaded (3 times slower for 60 s) while running " + onTwo.size() + " of them");
    long t0 = System.nanoTime();
    post("/api/workers/worker-2/overload", "{\"factor\":3,\"duration_s\":60}");
    step("3. the balancer moves tasks to the least loaded workers ...");
    Map<String, Double> moved = onTwo.isEmpty() ? Map.of() : waitRunningElsewhere(onTwo, "worker-2", t0, Duration.ofSeconds(30));
    waitUntil(Duration.ofSeconds(120), () -> ids.stream().allMatch(id -> status(id).equals("COMPLETED")));
    step("4. worker-2 recovers");
    post("/api/workers/worker-2/recover", "");
    following = false;
    events.interrupt();
    say("");
    say("== Summary ==");
    moved.forEach((id, s) -> say(String.format(Locale.ROOT, "  %s moved from worker-2 to %s after %.2f s", shortId(id), task(id).getString("worker_id"), s)));
    long pingPong = ids.stream().filter(id -> history(id).stream().filter("MIGRATING"::equals).count() > 1).count();
    say("  tasks moved: " + moved.size() + "; moved more than once: " + pingPong);
    return exactlyOnce(ids) && pingPong == 0;
  }

  /** The seed's Kaskadierender Ausfall: worker-1 fails, then worker-2; everything lands on worker-3. */
  private boolean cascade() throws Exception {
    say("== Scenario: a cascading failure ==");
    Thread events = followEvents();
    step("1. eight tasks (sleep tasks, 16 steps of 0.5-1.5 s, a checkpoint every 2 s)");
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= 8; i++) {
      ids.add(create("{\"type\":\"sleep\",\"priority\":" + (i % 5 + 1) + ",\"checkpoint_interval_s\":2,\"data\":{\"steps\":16}}"));
    }
    waitUntil(Duration.ofSeconds(20), () -> running(ids).size() == ids.size());
    pause(Duration.ofSeconds(4));
    step("2. worker-1 fails (kill -9)");
    demo("fail-worker", "1");
    pause(Duration.ofSeconds(5));
    step("3. worker-2 fails (kill -9)");
    demo("fail-worker", "2");
    step("4. everything lands on worker-3 (4 slots: the rest waits its turn) ...");
    waitUntil(Duration.ofSeconds(30), () -> ids.stream().allMatch(id -> Set.of("RUNNING", "COMPLETED", "RECOVERING").contains(status(id))));
    pause(Duration.ofSeconds(8));
    long onThree = ids.stream().filter(id -> "worker-3".equals(task(id).getString("worker_id", null)) || status(id).equals("RECOVERING")).count();
    step("5. workers 1 and 2 return");
    demo("recover-worker", "1");
    demo("recover-worker", "2");
    waitUntil(Duration.ofSeconds(180), () -> ids.stream().allMatch(id -> status(id).equals("COMPLETED")));
    following = false;
    events.interrupt();
    say("");
    say("== Summary ==");
    long recovered = ids.stream().filter(id -> history(id).contains("RECOVERING")).count();
    say("  tasks on worker-3 or waiting for it while workers 1 and 2 were down: " + onThree + " of " + ids.size());
    say("  tasks recovered at least once: " + recovered);
    return exactlyOnce(ids);
  }

  // ----------------------------------------------------------------------------------------------

  private boolean exactlyOnce(List<String> ids) {
    int ok = 0;
    for (String id : ids) {
      List<String> h = history(id);
      if (status(id).equals("COMPLETED") && h.stream().filter("COMPLETED"::equals).count() == 1) {
        ok++;
      } else {
        say("  NOT OK: " + shortId(id) + " " + status(id) + " " + h);
      }
    }
    say("  completed exactly once: " + ok + " of " + ids.size() + (ok == ids.size() ? "  OK" : "  FAILED"));
    return ok == ids.size();
  }

  private Map<String, Double> waitRunningElsewhere(List<String> ids, String from, long t0, Duration atMost) throws InterruptedException {
    Map<String, Double> when = new LinkedHashMap<>();
    long deadline = System.nanoTime() + atMost.toNanos();
    while (when.size() < ids.size() && System.nanoTime() < deadline) {
      for (String id : ids) {
        JsonObject t = task(id);
        if (!when.containsKey(id) && t.getString("status").equals("RUNNING") && !from.equals(t.getString("worker_id", null))) {
          when.put(id, (System.nanoTime() - t0) / 1e9);
        }
      }
      Thread.sleep(20); // polling the API for the scenario's own timing
    }
    return when;
  }

  private int resumedAt(String id) {
    for (JsonValue v : get("/api/system/events?limit=1000").getJsonArray("events")) {
      JsonObject e = v.asJsonObject();
      if (e.getString("type").equals("task.resumed") && id.equals(e.getString("task_id", null))) {
        return Integer.parseInt(e.getJsonObject("details").getString("progress", "0"));
      }
    }
    return 0;
  }

  private List<String> running(List<String> ids) {
    return ids.stream().filter(id -> status(id).equals("RUNNING")).toList();
  }

  private List<String> tasksOn(String worker, List<String> ids) {
    return ids.stream().filter(id -> {
      JsonObject t = task(id);
      return t.getString("status").equals("RUNNING") && worker.equals(t.getString("worker_id", null));
    }).toList();
  }

  private String status(String id) {
    return task(id).getString("status");
  }

  private List<String> history(String id) {
    return task(id).getJsonArray("history").stream().map(h -> h.asJsonObject().getString("to")).toList();
  }

  private JsonObject task(String id) {
    return get("/api/tasks/" + id);
  }

  private String create(String json) {
    JsonObject t = post("/api/tasks", json);
    say(String.format("   created %s (priority %d)", shortId(t.getString("id")), t.getInt("priority")));
    return t.getString("id");
  }

  private static String shortId(String id) {
    return id.substring(0, 8);
  }

  /** Prints the live event stream while the scenario runs. */
  private Thread followEvents() throws InterruptedException {
    Thread t =
        new Thread(
            () -> {
              while (following) {
                try {
                  HttpResponse<InputStream> r =
                      HTTP.send(HttpRequest.newBuilder(manager.resolve("/api/system/events/stream")).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
                  try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                    String type = null;
                    for (String line; following && (line = in.readLine()) != null; ) {
                      if (line.startsWith("event:")) {
                        type = line.substring(6).trim();
                      } else if (line.startsWith("data:") && SHOWN.contains(type)) {
                        JsonObject e = JSON.createReader(new StringReader(line.substring(5).trim())).readObject();
                        System.out.println("   " + LocalTime.now().format(CLOCK) + "  " + e.getString("message"));
                      }
                    }
                  }
                } catch (IOException e) {
                  // the manager is away for a moment: follow again
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "events");
    t.setDaemon(true);
    t.start();
    Thread.sleep(300); // let the stream connect before anything happens
    return t;
  }

  private void demo(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(demoSh));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    p.waitFor();
    out.lines().forEach(l -> say("   [demo.sh] " + l));
  }

  private interface Check {
    boolean done() throws Exception;
  }

  private static void waitUntil(Duration atMost, Check check) throws Exception {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (!check.done()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the scenario did not get there within " + atMost.toSeconds() + " s");
      }
      Thread.sleep(200); // polling the API; bounded by the deadline
    }
  }

  private static void pause(Duration d) throws InterruptedException {
    Thread.sleep(d.toMillis()); // the scenario's own pacing, as in the seed
  }

  private static void step(String s) {
    System.out.println(LocalTime.now().format(CLOCK) + " " + s);
  }

  private static void say(String s) {
    System.out.println(s);
  }

  private JsonObject get(String path) {
    return send(HttpRequest.newBuilder(manager.resolve(path)).GET().build());
  }

  private JsonObject post(String path, String json) {
    return send(
        HttpRequest.newBuilder(manager.resolve(path)).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  private static JsonObject send(HttpRequest request) {
    try {
      HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() >= 300) {
        throw new IllegalStateException(request.method() + " " + request.uri().getPath() + " answered " + r.statusCode() + ": " + r.body());
      }
      return JSON.createReader(new StringReader(r.body())).readObject();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
