package dev.baton.nemesis;

import dev.baton.nemesis.Observed.Transition;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Judges a run after the fact, from the clients' history and the tasks as the cluster reports them - never from
 * what the generator believed. Each property is checked on its own and names its counter-examples.
 *
 * <p>The clock: a client's {@code wall_ms} and a transition's {@code at} come from the same machine's clock (Redis'
 * TIME and the JVM's), so "after the cancel was acknowledged" is a comparison of the two.
 */
public final class Checker {
  /** A queue's limits as the run configured them. */
  public record QueueLimits(String queue, int concurrency, int rateMax, long ratePerMs) {}

  private final List<Op> history;
  private final Map<String, Observed> tasks;
  private final List<JsonObject> events;
  private final List<JsonObject> attempts;

  public Checker(List<Op> history, Map<String, Observed> tasks) {
    this(history, tasks, List.of(), List.of());
  }

  /**
   * @param events the cluster's event log over the run, oldest first (GET /api/system/events): what the schedule
   *     fired and which checkpoints were written and resumed from - the transitions alone do not say
   * @param attempts the workers' own logs of the attempts they ran (start and end lines, baton.worker.attempt-log)
   */
  public Checker(List<Op> history, Map<String, Observed> tasks, List<JsonObject> events, List<JsonObject> attempts) {
    this.history = List.copyOf(history);
    this.tasks = Map.copyOf(tasks);
    this.events = List.copyOf(events);
    this.attempts = List.copyOf(attempts);
  }

  /**
   * Every property.
   *
   * @param healedAtMs when the last fault was healed
   * @param boundMs how soon after that every acknowledged task must be final
   */
  public List<Verdict> checkAll(List<QueueLimits> limits, long healedAtMs, long boundMs) {
    List<Verdict> out = new ArrayList<>();
    out.add(acknowledgedTasksEnd());
    out.add(oneTaskPerKey());
    out.add(resultRecordedOnce());
    out.add(epochsOnlyIncrease());
    out.add(outcomesFromTheCurrentOwner());
    out.add(parentsCompleteFirst());
    out.add(acknowledgedCancelsHold());
    for (QueueLimits l : limits) {
      out.add(concurrencyLimitHeld(l));
      out.add(rateLimitHeld(l));
    }
    out.add(finalWithinBound(healedAtMs, boundMs));
    out.add(eachTickOnce());
    out.add(resumedFromTheLatestCheckpoint());
    out.add(workersToldTheTruth());
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // What the history says was acknowledged

  /** Task ids of every submit the cluster acknowledged (201 or 200), with the idempotency keys they answered. */
  Map<String, String> acknowledged() {
    Map<String, String> ids = new LinkedHashMap<>();
    for (Op op : history) {
      if (op.type() == Op.Type.OK && (op.f().equals("submit") || op.f().equals("graph"))) {
        var keys = op.value().getJsonArray("keys");
        var answered = op.value().getJsonArray("tasks");
        for (int i = 0; i < answered.size(); i++) {
          ids.put(answered.getString(i), keys == null ? null : keys.getString(i));
        }
      }
    }
    return ids;
  }

  /** Every acknowledged task is there and has ended. */
  Verdict acknowledgedTasksEnd() {
    List<String> bad = new ArrayList<>();
    Map<String, String> acked = acknowledged();
    for (String id : acked.keySet()) {
      Observed t = tasks.get(id);
      if (t == null) {
        bad.add(id + ": acknowledged, but the cluster does not know it (lost)");
      } else if (!t.isFinal()) {
        bad.add(id + ": still " + t.status() + " " + brief(t));
      }
    }
    return Verdict.of("acknowledged-end", acked.size() + " acknowledged tasks, " + (acked.size() - bad.size()) + " ended", bad);
  }

  /** An idempotency key, however often resubmitted after an unknown answer, names one task. */
  Verdict oneTaskPerKey() {
    Map<String, Set<String>> byKey = new HashMap<>();
    acknowledged().forEach((id, key) -> {
      if (key != null) {
        byKey.computeIfAbsent(key, k -> new TreeSet<>()).add(id);
      }
    });
    long resubmitted = history.stream().filter(op -> op.type() == Op.Type.INVOKE && op.value().getBoolean("resubmit", false)).count();
    List<String> bad = new ArrayList<>();
    byKey.forEach((key, ids) -> {
      if (ids.size() > 1) {
        bad.add("key " + key + " made " + ids.size() + " tasks: " + ids);
      }
    });
    return Verdict.of("one-task-per-key", byKey.size() + " keys, " + resubmitted + " resubmits after an unknown answer", bad);
  }

  // ---------------------------------------------------------------------------------------------
  // What the tasks' histories say

  /** No task enters a final status twice: a result (or a failure) is recorded once. */
  Verdict resultRecordedOnce() {
    List<String> bad = new ArrayList<>();
    for (Observed t : tasks.values()) {
      long finals = t.history().stream().filter(h -> Observed.FINAL.contains(h.to())).count();
      if (finals > 1) {
        bad.add(t.id() + ": ended " + finals + " times " + brief(t));
      }
    }
    return Verdict.of("result-once", tasks.size() + " tasks", bad);
  }

  /** A task's epoch never goes back, and every claim (ASSIGNED) starts a new, higher one. */
  Verdict epochsOnlyIncrease() {
    List<String> bad = new ArrayList<>();
    for (Observed t : tasks.values()) {
      long last = -1;
      long lastClaim = -1;
      for (Transition h : t.history()) {
        if (h.epoch() < last) {
          bad.add(t.id() + ": epoch went back from " + last + " to " + h.epoch() + " " + brief(t));
          break;
        }
        if ("ASSIGNED".equals(h.to())) {
          if (h.epoch() <= lastClaim) {
            bad.add(t.id() + ": a claim reused epoch " + h.epoch() + " " + brief(t));
            break;
          }
          lastClaim = h.epoch();
        }
        last = h.epoch();
      }
    }
    return Verdict.of("epochs-increase", tasks.size() + " tasks", bad);
  }

  /**
   * Fencing held: an attempt's outcome (RUNNING or MIGRATING to anything but a hand-back) was recorded by the worker
   * that owned the task in that epoch - never by one that had lost it.
   */
  Verdict outcomesFromTheCurrentOwner() {
    List<String> bad = new ArrayList<>();
    int outcomes = 0;
    for (Observed t : tasks.values()) {
      String owner = null;
      long ownerEpoch = -1;
      for (Transition h : t.history()) {
        if ("RUNNING".equals(h.to())) {
          owner = h.worker();
          ownerEpoch = h.epoch();
        } else if (("RUNNING".equals(h.from()) || "MIGRATING".equals(h.from()))
            && Set.of("COMPLETED", "FAILED", "RETRYING").contains(h.to())) {
          outcomes++;
          if (owner == null || !owner.equals(h.worker()) || h.epoch() != ownerEpoch) {
            bad.add(t.id() + ": outcome " + h.to() + " by " + h.worker() + " in epoch " + h.epoch() + ", owner " + owner
                + " in epoch " + ownerEpoch + " " + brief(t));
          }
        }
      }
    }
    return Verdict.of("fencing", outcomes + " outcomes recorded", bad);
  }

  /** No task ran before all its parents had completed; a task whose parent did not complete never ran. */
  Verdict parentsCompleteFirst() {
    List<String> bad = new ArrayList<>();
    int children = 0;
    for (Observed t : tasks.values()) {
      if (t.dependsOn().isEmpty()) {
        continue;
      }
      children++;
      Long started = firstAt(t, "RUNNING");
      if (started == null) {
        continue;
      }
      for (String p : t.dependsOn()) {
        Observed parent = tasks.get(p);
        Long completed = parent == null ? null : firstAt(parent, "COMPLETED");
        if (completed == null) {
          bad.add(t.id() + ": ran although its parent " + p + " never completed");
        } else if (started < completed) {
          bad.add(t.id() + ": ran at " + started + ", its parent " + p + " completed only at " + completed);
        }
      }
    }
    return Verdict.of("parents-first", children + " tasks with parents", bad);
  }

  /** A cancel the cluster acknowledged (202) is never followed by the task completing. */
  Verdict acknowledgedCancelsHold() {
    List<String> bad = new ArrayList<>();
    int acked = 0;
    for (Op op : history) {
      if (op.type() != Op.Type.OK || !op.f().equals("cancel")) {
        continue;
      }
      acked++;
      String id = op.value().getString("task");
      Observed t = tasks.get(id);
      Long completed = t == null ? null : firstAt(t, "COMPLETED");
      if (completed != null && completed > op.wallMs()) {
        bad.add(id + ": cancel acknowledged at " + op.wallMs() + ", COMPLETED at " + completed + " " + brief(t));
      }
    }
    return Verdict.of("cancel-holds", acked + " cancels acknowledged", bad);
  }

  /** At no moment did more of the queue's tasks run (RUNNING or MIGRATING: owned by a worker) than its limit. */
  Verdict concurrencyLimitHeld(QueueLimits l) {
    // +1 on entering an owned status, -1 on leaving it; at equal times the leaves first (Redis made them in order,
    // the millisecond cannot tell which came first, and a leave before an enter is the order that could be legal)
    List<long[]> steps = new ArrayList<>();
    for (Observed t : tasks.values()) {
      if (!l.queue().equals(t.queue())) {
        continue;
      }
      for (Transition h : t.history()) {
        boolean was = owned(h.from());
        boolean is = owned(h.to());
        if (!was && is) {
          steps.add(new long[] {h.at(), +1});
        } else if (was && !is) {
          steps.add(new long[] {h.at(), -1});
        }
      }
    }
    steps.sort(Comparator.<long[]>comparingLong(s -> s[0]).thenComparingLong(s -> s[1]));
    int running = 0;
    int most = 0;
    List<String> bad = new ArrayList<>();
    for (long[] s : steps) {
      running += (int) s[1];
      most = Math.max(most, running);
      if (running > l.concurrency() && bad.size() < 20) {
        bad.add(running + " of queue " + l.queue() + " running at " + s[0] + " (limit " + l.concurrency() + ")");
      }
    }
    return Verdict.of("concurrency:" + l.queue(), "at most " + most + " at once (limit " + l.concurrency() + ")", bad);
  }

  /** Within any window of the rate limit's length no more of the queue's tasks started (a claim) than its max. */
  Verdict rateLimitHeld(QueueLimits l) {
    List<Long> starts = new ArrayList<>();
    for (Observed t : tasks.values()) {
      if (l.queue().equals(t.queue())) {
        t.history().stream().filter(h -> "ASSIGNED".equals(h.to())).forEach(h -> starts.add(h.at()));
      }
    }
    starts.sort(null);
    List<String> bad = new ArrayList<>();
    int most = 0;
    for (int i = 0, j = 0; i < starts.size(); i++) {
      while (starts.get(i) - starts.get(j) >= l.ratePerMs()) {
        j++;
      }
      int inWindow = i - j + 1;
      most = Math.max(most, inWindow);
      if (inWindow > l.rateMax() && bad.size() < 20) {
        bad.add(inWindow + " starts of queue " + l.queue() + " within " + l.ratePerMs() + " ms up to " + starts.get(i)
            + " (limit " + l.rateMax() + ")");
      }
    }
    return Verdict.of("rate:" + l.queue(), starts.size() + " starts, at most " + most + " per " + l.ratePerMs() + " ms (limit "
        + l.rateMax() + ")", bad);
  }

  /** After the last fault healed, every acknowledged task ended within the bound. */
  Verdict finalWithinBound(long healedAtMs, long boundMs) {
    long latest = healedAtMs;
    List<String> bad = new ArrayList<>();
    for (String id : acknowledged().keySet()) {
      Observed t = tasks.get(id);
      if (t == null || !t.isFinal()) {
        continue; // acknowledged-end names those
      }
      long ended = t.history().get(t.history().size() - 1).at();
      latest = Math.max(latest, ended);
      if (ended - healedAtMs > boundMs) {
        bad.add(id + ": ended " + (ended - healedAtMs) + " ms after the heal " + brief(t));
      }
    }
    return Verdict.of("final-in-bound", "the last task ended " + (latest - healedAtMs) + " ms after the heal (bound " + boundMs + " ms)", bad);
  }

  // ---------------------------------------------------------------------------------------------
  // What the event log says

  /** Each tick of a schedule made at most one task, and every task a tick made is there and ended. */
  Verdict eachTickOnce() {
    Map<String, List<String>> byTick = new LinkedHashMap<>();
    for (JsonObject e : events) {
      if ("schedule.fired".equals(e.getString("type", "")) && !details(e).getString("tick", "").isEmpty()) {
        byTick.computeIfAbsent(details(e).getString("schedule", "?") + "@" + details(e).getString("tick"), k -> new ArrayList<>())
            .add(text(e, "task_id"));
      }
    }
    List<String> bad = new ArrayList<>();
    byTick.forEach((tick, ids) -> {
      if (ids.size() > 1) {
        bad.add("tick " + tick + " made " + ids.size() + " tasks: " + ids);
      }
      for (String id : ids) {
        Observed t = tasks.get(id);
        if (t == null) {
          bad.add("tick " + tick + " made " + id + ", which the cluster does not know");
        } else if (!t.isFinal()) {
          bad.add("tick " + tick + " made " + id + ", still " + t.status());
        }
      }
    });
    return Verdict.of("cron-once", byTick.size() + " ticks fired", bad);
  }

  /**
   * A resumed attempt starts from the last checkpoint written before it (the log orders both): never from an older
   * one, never from one that was not written.
   */
  Verdict resumedFromTheLatestCheckpoint() {
    Map<String, Long> latest = new HashMap<>();
    Set<String> seenFromTheStart = new java.util.HashSet<>(); // a task whose creation the log still holds: all its events are there
    int resumed = 0;
    List<String> bad = new ArrayList<>();
    for (JsonObject e : events) {
      String type = e.getString("type", "");
      String id = text(e, "task_id");
      if ("task.created".equals(type)) {
        seenFromTheStart.add(id);
      } else if ("task.checkpoint".equals(type)) {
        latest.put(id, Long.parseLong(details(e).getString("checkpoint", "0")));
      } else if ("task.resumed".equals(type) && details(e).containsKey("checkpoint") && seenFromTheStart.contains(id)) {
        resumed++;
        long from = Long.parseLong(details(e).getString("checkpoint"));
        long last = latest.getOrDefault(id, 0L);
        if (from != last) {
          bad.add(id + ": resumed from checkpoint " + from + ", the last written was " + last);
        }
      }
    }
    return Verdict.of("resume-latest", resumed + " resumptions after " + latest.size() + " tasks' checkpoints", bad);
  }

  // ---------------------------------------------------------------------------------------------
  // What the workers' own logs say

  /**
   * The workers' side of fencing: an outcome a worker was told was recorded is in the task's history (same status,
   * epoch and worker), and no two attempts of a task were both told a final outcome was recorded - however many ran at
   * once (counted: the split brains the faults made).
   */
  Verdict workersToldTheTruth() {
    if (attempts.isEmpty()) {
      return Verdict.of("worker-outcomes", "not judged: no attempt logs (start the cluster with BATON_ATTEMPT_LOG=1)", List.of());
    }
    record Attempt(String worker, String task, long epoch, long from, long to, String recorded) {}
    Map<String, JsonObject> started = new HashMap<>();
    Map<String, List<Attempt>> byTask = new HashMap<>();
    long runEnd = attempts.stream().mapToLong(a -> a.getJsonNumber("at_ms").longValue()).max().orElse(0);
    for (JsonObject a : attempts) {
      String key = a.getString("worker") + "/" + a.getString("task") + "/" + a.getJsonNumber("epoch").longValue();
      if (a.getString("event").equals("start")) {
        started.put(key, a);
      } else {
        JsonObject s = started.remove(key);
        long from = s == null ? a.getJsonNumber("at_ms").longValue() : s.getJsonNumber("at_ms").longValue();
        byTask.computeIfAbsent(a.getString("task"), k -> new ArrayList<>()).add(new Attempt(a.getString("worker"), a.getString("task"),
            a.getJsonNumber("epoch").longValue(), from, a.getJsonNumber("at_ms").longValue(), a.getString("recorded", "none")));
      }
    }
    // attempts that never ended (their worker was killed): running until the end of the log
    started.values().forEach(s -> byTask.computeIfAbsent(s.getString("task"), k -> new ArrayList<>()).add(new Attempt(
        s.getString("worker"), s.getString("task"), s.getJsonNumber("epoch").longValue(), s.getJsonNumber("at_ms").longValue(), runEnd, "unended")));
    List<String> bad = new ArrayList<>();
    int overlapping = 0;
    int refused = 0;
    int total = 0;
    for (var entry : byTask.entrySet()) {
      List<Attempt> list = entry.getValue();
      total += list.size();
      Observed t = tasks.get(entry.getKey());
      List<Attempt> finals = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        Attempt a = list.get(i);
        if (a.recorded().startsWith("refused")) {
          refused++;
        }
        for (int j = i + 1; j < list.size(); j++) {
          Attempt b = list.get(j);
          if (a.epoch() != b.epoch() && a.from() < b.to() && b.from() < a.to()) {
            overlapping++;
          }
        }
        if (a.recorded().startsWith("ok:")) {
          String status = a.recorded().substring(3);
          if (Observed.FINAL.contains(status)) {
            finals.add(a);
          }
          boolean inHistory = t != null && t.history().stream().anyMatch(h -> status.equals(h.to()) && h.epoch() == a.epoch()
              && a.worker().equals(h.worker()));
          if (!inHistory) {
            bad.add(a.task() + ": " + a.worker() + " was told its " + status + " (epoch " + a.epoch() + ") was recorded; the history has none "
                + (t == null ? "(task unknown)" : brief(t)));
          }
        }
      }
      if (finals.size() > 1) {
        bad.add(entry.getKey() + ": " + finals.size() + " attempts were told their final outcome was recorded: " + finals);
      }
    }
    return Verdict.of("worker-outcomes", total + " attempts in the workers' logs, " + overlapping + " pairs ran at once, " + refused
        + " outcomes refused", bad);
  }

  private static JsonObject details(JsonObject event) {
    return event.containsKey("details") && !event.isNull("details") ? event.getJsonObject("details") : jakarta.json.JsonValue.EMPTY_JSON_OBJECT;
  }

  // ---------------------------------------------------------------------------------------------

  private static boolean owned(String status) {
    return "RUNNING".equals(status) || "MIGRATING".equals(status);
  }

  private static Long firstAt(Observed t, String to) {
    return t.history().stream().filter(h -> to.equals(h.to())).map(Transition::at).findFirst().orElse(null);
  }

  /** A task's history in one line, for a counter-example. */
  static String brief(Observed t) {
    StringBuilder b = new StringBuilder("[");
    for (Transition h : t.history()) {
      if (b.length() > 1) {
        b.append(", ");
      }
      b.append(h.to()).append('@').append(h.at()).append(" e").append(h.epoch());
      if (h.worker() != null) {
        b.append(' ').append(h.worker());
      }
    }
    return b.append(']').toString();
  }

  static String text(JsonObject o, String key) {
    return o.get(key) instanceof JsonString s ? s.getString() : null;
  }
}
