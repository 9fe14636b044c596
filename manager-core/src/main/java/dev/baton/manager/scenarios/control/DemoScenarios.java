package dev.baton.manager.scenarios.control;

import static dev.baton.manager.scenarios.control.ScenarioContext.seconds;
import static dev.baton.manager.system.control.Explanations.shortId;

import dev.baton.cluster.WorkerStatus;
import dev.baton.manager.scenarios.entity.ScenarioInfo;
import dev.baton.task.TaskRecord;
import dev.baton.task.TaskStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The demo scenarios (the seed's three, and seed 004's workflow), as scripts against a live cluster. Every
 * step waits for the state it names (not for a timer); each run ends with the check that every task completed
 * exactly once. The scenarios play their parts with the first three live workers by id (worker-1, -2, -3 in the demo).
 */
final class DemoScenarios {
  static final String WORKER_FAILS = "demo-scenario";
  static final String LOAD_BALANCING = "demo-load-balancing";
  static final String CASCADE = "demo-cascade";
  static final String WORKFLOW = "demo-workflow";
  /** The queue the workflow scenario plays in, so that stopping it touches nothing else. */
  static final String WORKFLOW_QUEUE = "demo-workflow";

  static final List<ScenarioInfo> CATALOGUE =
      List.of(
          new ScenarioInfo(
              WORKER_FAILS,
              "A worker fails; its tasks recover elsewhere",
              "Five tasks with priorities 1 to 5 run; the first worker crashes while running some of them; the failure"
                  + " detector notices at once and they resume on the other workers from their checkpoints; the worker comes back.",
              List.of(
                  "Create five sleep tasks with priorities 1 to 5 (a checkpoint every 2 s)",
                  "The workers pick them up: all five run",
                  "Every task on the first worker has written a checkpoint",
                  "The first worker crashes (its process halts, like kill -9)",
                  "The failure detector declares it FAILED",
                  "Its tasks resume on the other workers from their checkpoints",
                  "The crashed worker comes back",
                  "All five tasks complete, each exactly once")),
          new ScenarioInfo(
              LOAD_BALANCING,
              "Load balancing away from an overloaded worker",
              "Ten tasks run; the second worker is made three times slower; the balancer moves its tasks to the least"
                  + " loaded workers, each at most once.",
              List.of(
                  "Create ten sleep tasks with priorities i % 5 + 1, half a second apart",
                  "All ten run",
                  "The second worker is overloaded (3 times slower for 60 s)",
                  "It reports OVERLOADED",
                  "The balancer moves its tasks to workers with free slots",
                  "All ten tasks complete, each exactly once",
                  "The overloaded worker recovers")),
          new ScenarioInfo(
              CASCADE,
              "A cascading failure",
              "Eight tasks run; the first worker crashes, then the second; everything lands on the third, which runs"
                  + " four at a time while the rest wait; both come back.",
              List.of(
                  "Create eight sleep tasks (a checkpoint every 2 s)",
                  "All eight run and each has a checkpoint",
                  "The first worker crashes; its tasks resume elsewhere",
                  "The second worker crashes",
                  "Everything lands on the third worker (the rest waits for its slots)",
                  "Both crashed workers come back",
                  "All eight tasks complete, each exactly once")),
          new ScenarioInfo(
              WORKFLOW,
              "Seed 004's night batch: dependencies, a failure that skips, a cancel that cancels",
              "Seed 004's three examples in a stopped queue: a benchmark; attribute generation for three models, each with"
                  + " four benchmarks that get its run id; then one whose attribute generation fails (its benchmarks are"
                  + " skipped) and one that is cancelled (its benchmark too). The queue starts and runs it all across the workers.",
              List.of(
                  "Stop the queue demo-workflow, so the whole batch is queued before anything runs",
                  "Example 1: one benchmark",
                  "Examples 2 and 3: attrgen for three models, four benchmarks depending on each",
                  "An attrgen that will fail, with two benchmarks depending on it",
                  "An attrgen with a benchmark, then the attrgen is cancelled: the benchmark is cancelled too",
                  "Start the queue: everything runs that can",
                  "Every task ends: done, skipped or cancelled",
                  "Each benchmark got its attrgen's run id; each completed task completed exactly once")));

  private DemoScenarios() {}

  static ScenarioInfo info(String name) {
    return CATALOGUE.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
  }

  /** Runs the script; true if every task completed exactly once (and nothing else went wrong). */
  static boolean play(String name, ScenarioContext ctx) {
    return switch (name) {
      case WORKER_FAILS -> workerFails(ctx);
      case LOAD_BALANCING -> loadBalancing(ctx);
      case CASCADE -> cascade(ctx);
      case WORKFLOW -> workflow(ctx);
      default -> throw new IllegalArgumentException(name);
    };
  }

  private static boolean workerFails(ScenarioContext ctx) {
    String victim = ctx.liveWorkers().get(0);
    ctx.step(1);
    List<String> ids = new ArrayList<>();
    for (int p = 1; p <= 5; p++) {
      ids.add(ctx.create("{\"type\":\"sleep\",\"priority\":" + p + ",\"checkpoint_interval_s\":2,\"data\":{\"steps\":12}}"));
    }
    ctx.step(2);
    ctx.await("all five running", Duration.ofSeconds(30), () -> ids.stream().allMatch(id -> ctx.runsOn(id, null)));
    if (ctx.runningOn(victim, ids).isEmpty()) {
      String moved = ids.stream().filter(id -> ctx.runsOn(id, null)).findFirst().orElseThrow();
      ctx.note(victim + " has none of them: moving " + shortId(moved) + " there first, to have something to lose");
      ctx.migrate(moved, victim);
      ctx.await(shortId(moved) + " running on " + victim, Duration.ofSeconds(20), () -> ctx.runsOn(moved, victim));
    }
    ctx.step(3);
    ctx.await(
        "a checkpoint of every task on " + victim,
        Duration.ofSeconds(30),
        () -> ctx.runningOn(victim, ids).stream().allMatch(id -> ctx.task(id).checkpoints() >= 1));
    List<String> lost = ctx.runningOn(victim, ids);
    ctx.step(4);
    ctx.detail(victim + " runs " + lost.size() + " of the tasks: " + String.join(", ", lost.stream().map(id -> shortId(id)).toList()));
    long t0 = System.nanoTime();
    ctx.crash(victim);
    ctx.step(5);
    ctx.await(victim + " FAILED", Duration.ofSeconds(15), () -> ctx.hasStatus(victim, WorkerStatus.FAILED));
    ctx.detail(String.format(java.util.Locale.ROOT, "after %.2f s", (System.nanoTime() - t0) / 1e9));
    ctx.step(6);
    List<Double> recovered = ctx.awaitRunningElsewhere(lost, victim, t0, Duration.ofSeconds(30));
    double longest = recovered.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    ctx.detail(lost.size() + " task(s) running elsewhere " + seconds(longest) + " after the crash");
    ctx.step(7);
    ctx.bringBack(victim, Duration.ofSeconds(180));
    ctx.step(8);
    ctx.await("all five completed", Duration.ofSeconds(120), () -> ids.stream().allMatch(id -> ctx.is(id, TaskStatus.COMPLETED)));

    ctx.summary("== Summary ==");
    for (String id : lost) {
      TaskRecord t = ctx.task(id);
      ctx.summary(String.format(java.util.Locale.ROOT, "  %s recovered from %s: completed on %s", shortId(id), victim, t.workerId()));
    }
    ctx.summary("  tasks recovered: " + lost.size() + "; time to recover: " + seconds(longest));
    return ctx.exactlyOnce(ids);
  }

  private static boolean loadBalancing(ScenarioContext ctx) {
    String busy = ctx.liveWorkers().get(1);
    ctx.step(1);
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      ids.add(ctx.create("{\"type\":\"sleep\",\"priority\":" + (i % 5 + 1) + ",\"data\":{\"steps\":24,\"step_ms\":500}}"));
      pace(Duration.ofMillis(500)); // the seed's pacing between submissions (2 s there)
    }
    ctx.step(2);
    ctx.await("all ten running", Duration.ofSeconds(30), () -> ids.stream().allMatch(id -> ctx.runsOn(id, null)));
    List<String> onBusy = ctx.runningOn(busy, ids);
    ctx.step(3);
    ctx.detail(busy + " runs " + onBusy.size() + " of them");
    long t0 = System.nanoTime();
    ctx.overload(busy, 3, 60);
    ctx.step(4);
    ctx.await(busy + " OVERLOADED", Duration.ofSeconds(10), () -> ctx.hasStatus(busy, WorkerStatus.OVERLOADED));
    ctx.step(5);
    // As many as the other workers have room for: every task left, or every other worker is full.
    Predicate<String> moved = id -> !busy.equals(ctx.task(id).workerId()) || ctx.is(id, TaskStatus.COMPLETED);
    ctx.await(
        "the balancer done with " + busy,
        Duration.ofSeconds(30),
        () -> onBusy.stream().allMatch(moved) || (onBusy.stream().anyMatch(moved) && othersFull(ctx, busy)));
    List<String> movedIds = onBusy.stream().filter(moved).toList();
    ctx.detail(movedIds.size() + " of " + onBusy.size() + " moved, " + seconds((System.nanoTime() - t0) / 1e9) + " after the overload");
    ctx.step(6);
    ctx.await("all ten completed", Duration.ofSeconds(150), () -> ids.stream().allMatch(id -> ctx.is(id, TaskStatus.COMPLETED)));
    ctx.step(7);
    ctx.recover(busy);

    ctx.summary("== Summary ==");
    for (String id : movedIds) {
      ctx.summary("  " + shortId(id) + " moved from " + busy + " to " + ctx.task(id).workerId());
    }
    long pingPong = ids.stream().filter(id -> ctx.statusesOf(id).stream().filter("MIGRATING"::equals).count() > 1).count();
    ctx.summary("  tasks moved: " + movedIds.size() + "; moved more than once: " + pingPong);
    return ctx.exactlyOnce(ids) && pingPong == 0;
  }

  private static boolean othersFull(ScenarioContext ctx, String busy) {
    return ctx.liveWorkers().stream()
        .filter(w -> !w.equals(busy))
        .allMatch(w -> ctx.worker(w).map(r -> r.activeTasks().size() >= r.slots()).orElse(true));
  }

  private static boolean cascade(ScenarioContext ctx) {
    List<String> live = ctx.liveWorkers();
    String first = live.get(0);
    String second = live.get(1);
    String third = live.get(2);
    ctx.step(1);
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= 8; i++) {
      ids.add(ctx.create("{\"type\":\"sleep\",\"priority\":" + (i % 5 + 1) + ",\"checkpoint_interval_s\":2,\"data\":{\"steps\":16}}"));
    }
    ctx.step(2);
    ctx.await(
        "all eight running with a checkpoint",
        Duration.ofSeconds(40),
        () -> ids.stream().allMatch(id -> ctx.runsOn(id, null) && ctx.task(id).checkpoints() >= 1));
    ctx.step(3);
    List<String> onFirst = ctx.runningOn(first, ids);
    long t0 = System.nanoTime();
    ctx.crash(first);
    ctx.await(first + " FAILED", Duration.ofSeconds(15), () -> ctx.hasStatus(first, WorkerStatus.FAILED));
    List<Double> t = ctx.awaitRunningElsewhere(onFirst, first, t0, Duration.ofSeconds(30));
    ctx.detail(onFirst.size() + " task(s) running elsewhere " + seconds(t.stream().mapToDouble(Double::doubleValue).max().orElse(0)) + " after the crash");
    ctx.step(4);
    ctx.crash(second);
    ctx.await(second + " FAILED", Duration.ofSeconds(15), () -> ctx.hasStatus(second, WorkerStatus.FAILED));
    ctx.step(5);
    Map<String, Long> counted = new java.util.HashMap<>();
    ctx.await(
        "every task on " + third + ", waiting for it, or done",
        Duration.ofSeconds(30),
        () -> {
          long onThird = ids.stream().filter(id -> ctx.runsOn(id, third)).count();
          long waiting = ids.stream().filter(id -> {
            TaskStatus s = ctx.task(id).status();
            return s == TaskStatus.RECOVERING || s == TaskStatus.CREATED;
          }).count();
          long done = ids.stream().filter(id -> ctx.is(id, TaskStatus.COMPLETED)).count();
          counted.put("on", onThird);
          counted.put("waiting", waiting);
          return onThird + waiting + done == ids.size() && onThird > 0;
        });
    ctx.detail(counted.get("on") + " running on " + third + ", " + counted.get("waiting") + " waiting for a free slot");
    ctx.step(6);
    ctx.bringBack(first, Duration.ofSeconds(180));
    ctx.bringBack(second, Duration.ofSeconds(180));
    ctx.step(7);
    ctx.await("all eight completed", Duration.ofSeconds(180), () -> ids.stream().allMatch(id -> ctx.is(id, TaskStatus.COMPLETED)));

    ctx.summary("== Summary ==");
    ctx.summary(
        "  tasks on " + third + " or waiting for it while " + first + " and " + second + " were down: "
            + (counted.get("on") + counted.get("waiting")) + " of " + ids.size());
    long recovered = ids.stream().filter(id -> ctx.statusesOf(id).contains("RECOVERING")).count();
    ctx.summary("  tasks recovered at least once: " + recovered);
    return ctx.exactlyOnce(ids);
  }

  private static boolean workflow(ScenarioContext ctx) {
    String q = WORKFLOW_QUEUE;
    String in = ",\"queue\":\"" + q + "\"";
    ctx.step(1);
    ctx.queue(q, dev.baton.queue.QueueState.STOPPED);
    ctx.step(2);
    String simple = ctx.create("{\"type\":\"benchmark\",\"label\":\"Mistral 24B Benchmark\"" + in
        + ",\"data\":{\"dataset_id\":5,\"model_name\":\"mistral-24b\",\"include_rationale\":true,\"steps\":4}}");
    ctx.step(3);
    Map<String, List<String>> benchmarksOf = new java.util.LinkedHashMap<>();
    for (String model : List.of("mistral-24b", "llama-70b", "gpt-4")) {
      String attrgen = ctx.create("{\"type\":\"attrgen\",\"label\":\"AttrGen " + model + "\"" + in
          + ",\"data\":{\"dataset_id\":5,\"model_name\":\"" + model + "\",\"steps\":6}}");
      List<String> mine = new ArrayList<>();
      for (boolean rationale : new boolean[] {true, false}) {
        for (String scale : List.of("in", "rev")) {
          mine.add(ctx.create("{\"type\":\"benchmark\",\"label\":\"" + model + (rationale ? " + rationale" : "") + " " + scale + "\"" + in
              + ",\"depends_on\":\"" + attrgen + "\",\"data\":{\"dataset_id\":5,\"model_name\":\"" + model + "\",\"include_rationale\":"
              + rationale + ",\"scale_mode\":\"" + scale + "\",\"steps\":4}}"));
        }
      }
      benchmarksOf.put(attrgen, mine);
    }
    ctx.step(4);
    String failing = ctx.create("{\"type\":\"attrgen\",\"label\":\"AttrGen qwen-72b (its model server is down)\",\"critical\":true" + in
        + ",\"data\":{\"dataset_id\":6,\"model_name\":\"qwen-72b\",\"steps\":3,\"fail\":true}}");
    List<String> skipped = new ArrayList<>();
    for (String scale : List.of("in", "rev")) {
      skipped.add(ctx.create("{\"type\":\"benchmark\",\"label\":\"qwen-72b " + scale + "\"" + in + ",\"depends_on\":\"" + failing
          + "\",\"data\":{\"dataset_id\":6,\"model_name\":\"qwen-72b\",\"scale_mode\":\"" + scale + "\"}}"));
    }
    ctx.step(5);
    String dropped = ctx.create("{\"type\":\"attrgen\",\"label\":\"AttrGen phi-3 (not needed after all)\"" + in
        + ",\"data\":{\"dataset_id\":7,\"model_name\":\"phi-3\"}}");
    String droppedChild = ctx.create("{\"type\":\"benchmark\",\"label\":\"phi-3 in\"" + in + ",\"depends_on\":\"" + dropped
        + "\",\"data\":{\"dataset_id\":7,\"model_name\":\"phi-3\"}}");
    ctx.cancel(dropped);
    ctx.await("the cancel reaches its benchmark", Duration.ofSeconds(10), () -> ctx.is(droppedChild, TaskStatus.CANCELLED));
    ctx.step(6);
    ctx.queue(q, dev.baton.queue.QueueState.ACTIVE);
    ctx.step(7);
    List<String> completing = new ArrayList<>(List.of(simple));
    benchmarksOf.forEach((a, bs) -> {
      completing.add(a);
      completing.addAll(bs);
    });
    ctx.await("every task ended", Duration.ofSeconds(120), () -> completing.stream().allMatch(id -> ctx.is(id, TaskStatus.COMPLETED))
        && ctx.is(failing, TaskStatus.FAILED) && skipped.stream().allMatch(id -> ctx.is(id, TaskStatus.SKIPPED)));
    ctx.step(8);
    ctx.summary("== Summary ==");
    boolean injected = true;
    for (var e : benchmarksOf.entrySet()) {
      String runId = ctx.task(e.getKey()).result().replaceAll(".*\"attrgen_run_id\":(\\d+).*", "$1");
      long got = e.getValue().stream().filter(b -> ctx.task(b).result().contains("\"attrgen_run_id\":" + runId + ",")).count();
      injected &= got == e.getValue().size();
      ctx.summary("  " + ctx.task(e.getKey()).label() + ": attrgen_run_id " + runId + ", handed to " + got + " of " + e.getValue().size() + " benchmarks");
    }
    String reason = ctx.task(skipped.get(0)).error() != null ? ctx.task(skipped.get(0)).error() : lastReason(ctx, skipped.get(0));
    ctx.summary("  " + shortId(failing) + " failed; its benchmarks: " + skipped.stream().map(id -> ctx.task(id).status().name()).toList() + " (" + reason + ")");
    ctx.summary("  " + shortId(dropped) + " cancelled; its benchmark: " + ctx.task(droppedChild).status());
    boolean cascades = ctx.is(droppedChild, TaskStatus.CANCELLED) && reason.contains(failing);
    if (!injected || !cascades) {
      ctx.summary("  NOT OK: run ids handed on " + injected + ", cascades " + cascades);
    }
    return ctx.exactlyOnce(completing) && injected && cascades;
  }

  private static String lastReason(ScenarioContext ctx, String id) {
    List<dev.baton.task.Transition> h = ctx.history(id);
    return h.isEmpty() || h.get(h.size() - 1).reason() == null ? "" : h.get(h.size() - 1).reason();
  }

  private static void pace(Duration d) {
    try {
      Thread.sleep(d.toMillis()); // the scenario's own pacing between submissions, as in the seed
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
