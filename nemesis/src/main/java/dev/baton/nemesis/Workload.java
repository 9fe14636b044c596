package dev.baton.nemesis;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The generator: a few clients, each with its own seeded random, submitting a mix of what Baton offers - checkpointing
 * tasks of a few seconds, tasks that fail and retry, delayed ones, dependency graphs (chains, fan-out and fan-in),
 * tasks of a queue with a concurrency and a rate limit, bursts of no-ops - and cancelling some. Every call goes into
 * the history: invoke, then ok, fail or info. Every task carries an idempotency key, so a call whose answer is unknown
 * is submitted again under the same keys until it gets one (a timeout is never taken for a failure).
 */
final class Workload {
  static final String LIMITED_QUEUE = "nemesis-limited";

  private final Api api;
  private final HistoryLog log;
  private final long seed;
  private final String run;
  private final AtomicBoolean running = new AtomicBoolean(true);

  /** run: names this run in the idempotency keys, so that a seed played again on the same cluster makes new tasks. */
  Workload(Api api, HistoryLog log, long seed, String run) {
    this.api = api;
    this.log = log;
    this.seed = seed;
    this.run = run;
  }

  void stop() {
    running.set(false);
  }

  /** One client's loop, until stop(); then it settles its unknown submits (resubmits under their keys). */
  void client(int n) {
    String process = "client-" + n;
    Random random = new Random(seed * 1_000 + n);
    Deque<Pending> unknown = new ArrayDeque<>();
    List<String> mine = new ArrayList<>();
    int made = 0;
    while (running.get()) {
      Pending p = unknown.isEmpty() || random.nextInt(3) > 0 ? null : unknown.poll();
      if (p != null) {
        submit(process, p.f, p.body, p.keys, true, unknown, mine, p.tries + 1);
      } else {
        int roll = random.nextInt(100);
        if (roll < 10 && !mine.isEmpty()) {
          cancel(process, recent(mine, random));
        } else if (roll < 20 && !mine.isEmpty()) {
          read(process, recent(mine, random));
        } else if (roll < 32) {
          made += graph(process, random, made, unknown, mine);
        } else {
          made += single(process, random, made, unknown, mine);
        }
      }
      pause(150 + random.nextInt(250));
    }
    // the run is over: every submit whose answer was unknown is settled, under its keys, while the cluster is whole
    for (int tries = 0; !unknown.isEmpty() && tries < 200; tries++) {
      Pending p = unknown.poll();
      submit(process, p.f, p.body, p.keys, true, unknown, mine, p.tries + 1);
      pause(200);
    }
  }

  private int single(String process, Random random, int made, Deque<Pending> unknown, List<String> mine) {
    String key = key(process, made);
    JsonObjectBuilder t = Json.createObjectBuilder().add("idempotency_key", key);
    int kind = random.nextInt(100);
    if (kind < 35) { // checkpointing, a few seconds
      t.add("type", "sleep").add("checkpoint_interval_s", 1)
          .add("data", Json.createObjectBuilder().add("steps", 4 + random.nextInt(9)).add("step_ms", 250 + random.nextInt(250)));
    } else if (kind < 50) { // fails its first attempt(s), retried
      t.add("type", "sleep").add("max_retries", 3).add("retry_delay_ms", 300)
          .add("data", Json.createObjectBuilder().add("steps", 2).add("step_ms", 200).add("fail_attempts", 1 + random.nextInt(2)));
    } else if (kind < 62) { // delayed
      t.add("type", "noop").add("countdown_s", 1 + random.nextInt(3));
    } else if (kind < 80) { // a queue with a concurrency and a rate limit
      t.add("type", "sleep").add("queue", LIMITED_QUEUE)
          .add("data", Json.createObjectBuilder().add("steps", 2).add("step_ms", 200));
    } else { // a burst of no-ops
      JsonArrayBuilder tasks = Json.createArrayBuilder();
      List<String> keys = new ArrayList<>();
      int n = 5 + random.nextInt(16);
      for (int i = 0; i < n; i++) {
        keys.add(key + "." + i);
        tasks.add(Json.createObjectBuilder().add("type", "noop").add("idempotency_key", key + "." + i));
      }
      submit(process, "submit", Json.createObjectBuilder().add("tasks", tasks).build(), keys, false, unknown, mine, 1);
      return 1;
    }
    submit(process, "submit", Json.createObjectBuilder().add("tasks", Json.createArrayBuilder().add(t)).build(), List.of(key), false,
        unknown, mine, 1);
    return 1;
  }

  /** A chain a -> b -> c, or a fan-out and fan-in: gen -> (x, y) -> report. */
  private int graph(String process, Random random, int made, Deque<Pending> unknown, List<String> mine) {
    String key = key(process, made);
    JsonArrayBuilder tasks = Json.createArrayBuilder();
    List<String> keys = new ArrayList<>();
    String[][] shape = random.nextBoolean()
        ? new String[][] {{"a"}, {"b", "a"}, {"c", "b"}}
        : new String[][] {{"gen"}, {"x", "gen"}, {"y", "gen"}, {"report", "x", "y"}};
    for (String[] node : shape) {
      String k = key + "." + node[0];
      keys.add(k);
      JsonObjectBuilder t = Json.createObjectBuilder().add("ref", node[0]).add("idempotency_key", k).add("type", "sleep")
          .add("data", Json.createObjectBuilder().add("steps", 2).add("step_ms", 200 + random.nextInt(200)));
      if (node.length > 1) {
        JsonArrayBuilder parents = Json.createArrayBuilder();
        for (int i = 1; i < node.length; i++) {
          parents.add(node[i]);
        }
        t.add("depends_on", parents);
      }
      tasks.add(t);
    }
    submit(process, "graph", Json.createObjectBuilder().add("tasks", tasks).build(), keys, false, unknown, mine, 1);
    return 1;
  }

  private void submit(String process, String f, JsonObject body, List<String> keys, boolean resubmit, Deque<Pending> unknown,
      List<String> mine, int tries) {
    log.append(process, Op.Type.INVOKE, f, Json.createObjectBuilder().add("keys", array(keys)).add("resubmit", resubmit).build());
    Api.Answer a = api.post("api/tasks/batch", body);
    if (a.status() == 200 || a.status() == 201) {
      JsonArrayBuilder ids = Json.createArrayBuilder();
      for (JsonValue t : a.json().getJsonArray("tasks")) {
        String id = t.asJsonObject().getString("id");
        ids.add(id);
        mine.add(id);
      }
      log.append(process, Op.Type.OK, f, Json.createObjectBuilder().add("keys", array(keys)).add("tasks", ids).add("status", a.status()).build());
    } else if (a.unknown()) {
      log.append(process, Op.Type.INFO, f, Json.createObjectBuilder().add("keys", array(keys))
          .add("error", a.error() != null ? a.error() : "HTTP " + a.status()).build());
      if (tries < 50) {
        unknown.add(new Pending(f, body, keys, tries));
      }
    } else {
      log.append(process, Op.Type.FAIL, f, Json.createObjectBuilder().add("keys", array(keys)).add("status", a.status())
          .add("problem", a.json() == null ? "" : a.json().getString("detail", a.json().getString("title", ""))).build());
    }
  }

  private void cancel(String process, String id) {
    log.append(process, Op.Type.INVOKE, "cancel", Json.createObjectBuilder().add("task", id).build());
    Api.Answer a = api.post("api/tasks/" + id + "/cancel", null);
    if (a.status() == 202 || a.status() == 200) {
      log.append(process, Op.Type.OK, "cancel", Json.createObjectBuilder().add("task", id).add("status", a.status())
          .add("task_status", a.json() == null ? "" : a.json().getString("status", "")).build());
    } else if (a.unknown()) {
      log.append(process, Op.Type.INFO, "cancel", Json.createObjectBuilder().add("task", id)
          .add("error", a.error() != null ? a.error() : "HTTP " + a.status()).build());
    } else {
      log.append(process, Op.Type.FAIL, "cancel", Json.createObjectBuilder().add("task", id).add("status", a.status()).build());
    }
  }

  /** A read of one task (what the availability of reads is measured by). */
  private void read(String process, String id) {
    log.append(process, Op.Type.INVOKE, "read", Json.createObjectBuilder().add("task", id).build());
    Api.Answer a = api.get("api/tasks/" + id);
    if (a.status() == 200) {
      log.append(process, Op.Type.OK, "read", Json.createObjectBuilder().add("task", id).add("task_status", a.json().getString("status", ""))
          .build());
    } else if (a.unknown()) {
      log.append(process, Op.Type.INFO, "read", Json.createObjectBuilder().add("task", id)
          .add("error", a.error() != null ? a.error() : "HTTP " + a.status()).build());
    } else {
      log.append(process, Op.Type.FAIL, "read", Json.createObjectBuilder().add("task", id).add("status", a.status()).build());
    }
  }

  private static String recent(List<String> mine, Random random) {
    return mine.get(mine.size() - 1 - random.nextInt(Math.min(mine.size(), 10)));
  }

  private String key(String process, int made) {
    return "nemesis-" + seed + "-" + run + "-" + process + "-" + made;
  }

  private static JsonArrayBuilder array(List<String> values) {
    JsonArrayBuilder b = Json.createArrayBuilder();
    values.forEach(b::add);
    return b;
  }

  private static void pause(long ms) {
    try {
      Thread.sleep(ms); // the clients' think time: the pace of the workload, not a wait for a condition
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private record Pending(String f, JsonObject body, List<String> keys, int tries) {}
}
