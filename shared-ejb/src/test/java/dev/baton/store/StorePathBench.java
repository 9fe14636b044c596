package dev.baton.store;

import dev.baton.task.AttemptOutcome;
import dev.baton.task.ClaimResult;
import dev.baton.task.DispatchOrder;
import dev.baton.task.NewTask;
import dev.baton.task.Priority;
import dev.baton.task.RetryPolicy;
import dev.baton.task.TaskLimits;
import dev.baton.task.TaskMeta;
import dev.baton.task.TaskStatus;
import dev.baton.testing.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A no-op task's Redis work alone, without the cluster around it: creations in batches of 100, claims and outcomes
 * in groups of 8 (what a worker sends under a deep backlog), on a fresh redis-server holding {@code kept} finished
 * tasks (the indexes' size in production). Prints Redis' own time per task for each call (INFO commandstats), so a
 * change to the scripts can be sized without the ±20% noise of a whole cluster. Not a test: run it by hand (README,
 * Performance): {@code mvn -q -pl shared-ejb test-compile dependency:build-classpath -Dmdep.includeScope=test
 * -Dmdep.outputFile=target/cp.txt}, then {@code java -cp shared-ejb/target/test-classes:shared-ejb/target/classes:$(cat
 * shared-ejb/target/cp.txt) dev.baton.store.StorePathBench [TASKS [KEPT [GROUP [groups|retention]]]]}: the three calls
 * per task; with {@code groups} a claim and a finish call of 1 to 16 tasks each (the fixed cost of a call); with
 * {@code retention} the cost of deleting one finished task. With {@code -Dbaton.test.redis.aof=no} before {@code -cp} its
 * redis-server keeps no append-only file: the difference is what the AOF costs Redis' main thread (ADR 0060).
 */
public final class StorePathBench {
  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int kept = args.length > 1 ? Integer.parseInt(args[1]) : 80_000;
    int group = args.length > 2 ? Integer.parseInt(args[2]) : 8;
    try (RedisServer server = RedisServer.start(); Redis redis = server.freshClient(4)) {
      RedisTaskStore tasks = new RedisTaskStore(redis);
      RedisClaims claims = new RedisClaims(redis);
      RedisOutcomes outcomes = new RedisOutcomes(redis);
      run(redis, tasks, claims, outcomes, kept, group, null);
      if (args.length > 3 && args[3].equals("retention")) {
        for (int round = 1; round <= 3; round++) {
          run(redis, tasks, claims, outcomes, n, group, null);
          long t0 = redisUsec(redis);
          int deleted = 0;
          while (deleted < n) {
            deleted += tasks.removeFinished(java.time.Instant.EPOCH, kept, null, 0, 500, "bench", "bench").deleted();
          }
          System.out.printf("retention: %.1f us of Redis per deleted task%n", (redisUsec(redis) - t0) / (double) deleted);
        }
        return;
      }
      if (args.length > 3 && args[3].equals("groups")) {
        for (int g : new int[] {1, 2, 4, 8, 16, 1, 2, 4, 8, 16}) {
          Map<String, Double> perCall = new HashMap<>();
          run(redis, tasks, claims, outcomes, 4000, g, (phase, usec) -> perCall.put(phase, usec * g / 4000));
          System.out.printf("group %2d: Redis us per claim call %.1f, per finish call %.1f%n", g, perCall.get("claim"), perCall.get("finish"));
        }
        return;
      }
      for (int round = 1; round <= 3; round++) {
        Map<String, Double> perTask = new HashMap<>();
        run(redis, tasks, claims, outcomes, n, group, (phase, usec) -> perTask.merge(phase, usec / n, Double::sum));
        double total = perTask.values().stream().mapToDouble(Double::doubleValue).sum();
        System.out.printf("round %d: create %.1f, claim %.1f, finish %.1f, total %.1f us of Redis per task%n", round,
            perTask.get("create"), perTask.get("claim"), perTask.get("finish"), total);
      }
      String stats = redis.<String>read(c -> c.info("commandstats"));
      System.out.println(stats);
    }
  }

  interface Timing {
    void phase(String name, double usec);
  }

  private static void run(Redis redis, RedisTaskStore tasks, RedisClaims claims, RedisOutcomes outcomes, int n, int group, Timing timing) {
    List<NewTask> made = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      made.add(new NewTask(UUID.randomUUID().toString(), "noop", TaskStatus.CREATED, Priority.DEFAULT, "{}", null, null,
          RetryPolicy.NONE, TaskLimits.NONE, List.of(), new TaskMeta(null, null, null, "default", false, "admin")));
    }
    long t0 = redisUsec(redis);
    for (int i = 0; i < n; i += 100) {
      tasks.create(made.subList(i, Math.min(n, i + 100)), TIMEOUT);
    }
    long t1 = redisUsec(redis);
    List<AttemptOutcome> done = new ArrayList<>(n);
    for (int i = 0; i < n; i += group) {
      List<DispatchOrder> orders = new ArrayList<>();
      for (NewTask t : made.subList(i, Math.min(n, i + group))) {
        orders.add(new DispatchOrder(t.id(), 0, "noop", Priority.DEFAULT, null, 0, "default"));
      }
      String worker = "worker-" + (1 + (i / group) % 3);
      for (ClaimResult r : claims.claim(worker, orders)) {
        if (!r.isClaimed()) {
          throw new IllegalStateException("not claimed: " + r);
        }
        done.add(new AttemptOutcome(r.claim().taskId(), r.claim().epoch(), AttemptOutcome.Kind.COMPLETED, "{}", worker, null));
      }
    }
    long t2 = redisUsec(redis);
    for (int i = 0; i < n; i += group) {
      outcomes.record(done.subList(i, Math.min(n, i + group)));
    }
    long t3 = redisUsec(redis);
    if (timing != null) {
      timing.phase("create", t1 - t0);
      timing.phase("claim", t2 - t1);
      timing.phase("finish", t3 - t2);
    }
  }

  /** Redis' main thread CPU so far, in microseconds. */
  private static long redisUsec(Redis redis) {
    String info = redis.<String>read(c -> c.info("cpu"));
    double s = 0;
    for (String line : info.split("\r?\n")) {
      if (line.startsWith("used_cpu_sys_main_thread:") || line.startsWith("used_cpu_user_main_thread:")) {
        s += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
      }
    }
    return Math.round(s * 1e6);
  }
}
