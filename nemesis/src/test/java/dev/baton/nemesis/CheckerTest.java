package dev.baton.nemesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.nemesis.Checker.QueueLimits;
import dev.baton.nemesis.Observed.Transition;
import jakarta.json.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The checker on synthetic histories: a clean run passes every property; each kind of violation, planted alone, is
 * found by its property - and only by it.
 */
class CheckerTest {
  private static final QueueLimits LIMITED = new QueueLimits("limited", 2, 3, 1000);
  private static final long HEALED = 100_000;
  private static final long BOUND = 30_000;

  private final List<Op> history = new ArrayList<>();
  private final Map<String, Observed> tasks = new HashMap<>();
  private final List<jakarta.json.JsonObject> events = new ArrayList<>();
  private final List<jakarta.json.JsonObject> attempts = new ArrayList<>();

  // a clean run: a plain task, a resumed one (its worker failed), a retried one, a chain, a cancelled one, and a
  // limited queue's tasks one after another
  CheckerTest() {
    submit("a", "ka", 1_000);
    task("a", "default", List.of(), t(null, "CREATED", 1_000, 0, null), t("CREATED", "ASSIGNED", 1_010, 1, "w1"),
        t("ASSIGNED", "RUNNING", 1_010, 1, "w1"), t("RUNNING", "COMPLETED", 2_000, 1, "w1"));
    submit("b", "kb", 1_000);
    task("b", "default", List.of(), t(null, "CREATED", 1_000, 0, null), t("CREATED", "ASSIGNED", 1_010, 1, "w2"),
        t("ASSIGNED", "RUNNING", 1_010, 1, "w2"), t("RUNNING", "RECOVERING", 5_000, 2, "w2"),
        t("RECOVERING", "ASSIGNED", 5_010, 3, "w1"), t("ASSIGNED", "RUNNING", 5_010, 3, "w1"),
        t("RUNNING", "COMPLETED", 9_000, 3, "w1"));
    submit("c", "kc", 1_000);
    task("c", "default", List.of(), t(null, "CREATED", 1_000, 0, null), t("CREATED", "ASSIGNED", 1_010, 1, "w1"),
        t("ASSIGNED", "RUNNING", 1_010, 1, "w1"), t("RUNNING", "RETRYING", 1_500, 1, "w1"),
        t("RETRYING", "CREATED", 2_000, 1, null), t("CREATED", "ASSIGNED", 2_010, 2, "w3"),
        t("ASSIGNED", "RUNNING", 2_010, 2, "w3"), t("RUNNING", "COMPLETED", 3_000, 2, "w3"));
    graph(List.of("p", "q"), List.of("kp", "kq"), 1_000);
    task("p", "default", List.of(), t(null, "CREATED", 1_000, 0, null), t("CREATED", "ASSIGNED", 1_010, 1, "w1"),
        t("ASSIGNED", "RUNNING", 1_010, 1, "w1"), t("RUNNING", "COMPLETED", 1_500, 1, "w1"));
    task("q", "default", List.of("p"), t(null, "WAITING", 1_000, 0, null), t("WAITING", "CREATED", 1_500, 0, null),
        t("CREATED", "ASSIGNED", 1_600, 1, "w2"), t("ASSIGNED", "RUNNING", 1_600, 1, "w2"),
        t("RUNNING", "COMPLETED", 2_500, 1, "w2"));
    submit("d", "kd", 1_000);
    cancel("d", 1_200);
    task("d", "default", List.of(), t(null, "CREATED", 1_000, 0, null), t("CREATED", "ASSIGNED", 1_010, 1, "w1"),
        t("ASSIGNED", "RUNNING", 1_010, 1, "w1"), t("RUNNING", "CANCELLED", 1_400, 1, "w1"));
    // the log: two ticks of a schedule, each its task; task b checkpointed twice, then resumed from the second
    event("task.created", "b", "task_type", "sleep");
    event("task.checkpoint", "b", "checkpoint", "1", "progress", "20");
    event("task.checkpoint", "b", "checkpoint", "2", "progress", "40");
    event("task.resumed", "b", "checkpoint", "2", "progress", "40");
    for (String tick : List.of("1000", "2000")) {
      String id = "s" + tick;
      event("schedule.fired", id, "schedule", "tick-every-second", "tick", tick);
      task(id, "default", List.of(), t(null, "CREATED", 1_000, 0, null), t("CREATED", "ASSIGNED", 1_010, 1, "w1"),
          t("ASSIGNED", "RUNNING", 1_010, 1, "w1"), t("RUNNING", "COMPLETED", 1_020, 1, "w1"));
    }
    // the workers' logs of task b: w2's attempt (epoch 1) cut off and refused, w1's (epoch 3) recorded - at once for a while
    attempt("start", 1_010, "w2", "b", 1, null);
    attempt("start", 5_010, "w1", "b", 3, null);
    attempt("end", 6_000, "w2", "b", 1, "refused:FENCED");
    attempt("end", 9_000, "w1", "b", 3, "ok:COMPLETED");
    for (int i = 0; i < 4; i++) { // two at a time, three starts per second at most
      String id = "l" + i;
      long start = 10_000 + (i / 2) * 1_000;
      submit(id, "kl" + i, 9_000);
      task(id, "limited", List.of(), t(null, "CREATED", 9_000, 0, null), t("CREATED", "ASSIGNED", start + i % 2, 1, "w1"),
          t("ASSIGNED", "RUNNING", start + i % 2, 1, "w1"), t("RUNNING", "COMPLETED", start + 900, 1, "w1"));
    }
  }

  @Test
  void aCleanHistoryPassesEveryProperty() {
    List<Verdict> verdicts = check();
    verdicts.forEach(v -> assertTrue(v.ok(), v.toString()));
    assertEquals(13, verdicts.size());
    assertTrue(verdicts.stream().anyMatch(v -> v.summary().contains("2 attempts in the workers' logs, 1 pairs ran at once, 1 outcomes refused")));
  }

  @Test
  void anAcknowledgedTaskThatIsGoneIsLost() {
    tasks.remove("a");
    assertOnlyViolated("acknowledged-end", "a: acknowledged, but the cluster does not know it");
  }

  @Test
  void anAcknowledgedTaskThatNeverEndedIsFound() {
    replace("a", h -> h.subList(0, 3));
    assertOnlyViolated("acknowledged-end", "a: still RUNNING");
  }

  @Test
  void aKeyThatMadeTwoTasksIsFound() {
    submit("a2", "ka", 3_000);
    task("a2", "default", List.of(), t(null, "CREATED", 3_000, 0, null), t("CREATED", "ASSIGNED", 3_010, 1, "w1"),
        t("ASSIGNED", "RUNNING", 3_010, 1, "w1"), t("RUNNING", "COMPLETED", 3_500, 1, "w1"));
    assertOnlyViolated("one-task-per-key", "key ka made 2 tasks");
  }

  @Test
  void aResultRecordedTwiceIsFound() {
    replace("a", h -> append(h, t("COMPLETED", "COMPLETED", 2_100, 1, "w2")));
    assertViolated("result-once", "a: ended 2 times");
  }

  @Test
  void anEpochGoingBackIsFound() {
    replace("b", h -> {
      List<Transition> x = new ArrayList<>(h);
      x.set(6, t("RUNNING", "COMPLETED", 9_000, 1, "w1"));
      return x;
    });
    assertViolated("epochs-increase", "b: epoch went back from 3 to 1");
  }

  @Test
  void aClaimReusingAnEpochIsFound() {
    replace("c", h -> {
      List<Transition> x = new ArrayList<>(h);
      x.set(5, t("CREATED", "ASSIGNED", 2_010, 1, "w3"));
      x.set(6, t("ASSIGNED", "RUNNING", 2_010, 1, "w3"));
      x.set(7, t("RUNNING", "COMPLETED", 3_000, 1, "w3"));
      return x;
    });
    assertOnlyViolated("epochs-increase", "c: a claim reused epoch 1");
  }

  @Test
  void anOutcomeFromAWorkerThatLostTheTaskIsFound() {
    // the recovered task completed by its old owner, in its old epoch, after the new owner had claimed it
    replace("b", h -> {
      List<Transition> x = new ArrayList<>(h.subList(0, 6));
      x.add(t("RUNNING", "COMPLETED", 6_000, 3, "w2"));
      return x;
    });
    assertViolated("fencing", "b: outcome COMPLETED by w2 in epoch 3, owner w1 in epoch 3");
    // and w1, which was told its completion was recorded, no longer finds it in the history
    assertViolated("worker-outcomes", "b: w1 was told its COMPLETED (epoch 3) was recorded; the history has none");
  }

  @Test
  void aChildThatRanBeforeItsParentCompletedIsFound() {
    replace("q", h -> {
      List<Transition> x = new ArrayList<>(h);
      x.set(1, t("WAITING", "CREATED", 1_200, 0, null));
      x.set(2, t("CREATED", "ASSIGNED", 1_300, 1, "w2"));
      x.set(3, t("ASSIGNED", "RUNNING", 1_300, 1, "w2"));
      return x;
    });
    assertOnlyViolated("parents-first", "q: ran at 1300, its parent p completed only at 1500");
  }

  @Test
  void aCompletionAfterAnAcknowledgedCancelIsFound() {
    replace("d", h -> {
      List<Transition> x = new ArrayList<>(h.subList(0, 3));
      x.add(t("RUNNING", "COMPLETED", 1_400, 1, "w1"));
      return x;
    });
    assertOnlyViolated("cancel-holds", "d: cancel acknowledged at 1250, COMPLETED at 1400");
  }

  @Test
  void aThirdTaskRunningInAQueueOfTwoIsFound() {
    replace("l2", h -> List.of(h.get(0), t("CREATED", "ASSIGNED", 10_500, 1, "w1"), t("ASSIGNED", "RUNNING", 10_500, 1, "w1"),
        t("RUNNING", "COMPLETED", 11_400, 1, "w1")));
    assertViolated("concurrency:limited", "3 of queue limited running at 10500");
  }

  @Test
  void aFourthStartWithinTheRateWindowIsFound() {
    // four starts within one second, never more than two running at once
    replace("l0", h -> append(h.subList(0, 3), t("RUNNING", "COMPLETED", 10_400, 1, "w1"))); // the first pair ends early
    replace("l1", h -> append(h.subList(0, 3), t("RUNNING", "COMPLETED", 10_400, 1, "w1")));
    replace("l2", h -> shift(h, -500)); // and the second starts at 10,500: two at a time still
    replace("l3", h -> shift(h, -500));
    assertOnlyViolated("rate:limited", "4 starts of queue limited within 1000 ms");
  }

  @Test
  void aTaskEndingLongAfterTheHealIsFound() {
    replace("a", h -> append(h.subList(0, 3), t("RUNNING", "COMPLETED", HEALED + BOUND + 1, 1, "w1")));
    assertOnlyViolated("final-in-bound", "a: ended 30001 ms after the heal");
  }

  @Test
  void aTickThatMadeTwoTasksIsFound() {
    event("schedule.fired", "s1000b", "schedule", "tick-every-second", "tick", "1000");
    task("s1000b", "default", List.of(), t(null, "CREATED", 1_000, 0, null), t("CREATED", "ASSIGNED", 1_010, 1, "w2"),
        t("ASSIGNED", "RUNNING", 1_010, 1, "w2"), t("RUNNING", "COMPLETED", 1_030, 1, "w2"));
    assertOnlyViolated("cron-once", "tick tick-every-second@1000 made 2 tasks");
  }

  @Test
  void aTickWhoseTaskIsGoneIsFound() {
    tasks.remove("s2000");
    assertOnlyViolated("cron-once", "tick tick-every-second@2000 made s2000, which the cluster does not know");
  }

  @Test
  void aResumptionFromAnOlderCheckpointIsFound() {
    int resumption = events.indexOf(events.stream().filter(e -> e.getString("type").equals("task.resumed")).findFirst().orElseThrow());
    events.set(resumption, ev("task.resumed", "b", "checkpoint", "1", "progress", "20"));
    assertOnlyViolated("resume-latest", "b: resumed from checkpoint 1, the last written was 2");
  }

  @Test
  void twoAttemptsToldTheirResultWasRecordedAreFound() {
    attempts.set(2, att("end", 6_000, "w2", "b", 1, "ok:COMPLETED"));
    assertViolated("worker-outcomes", "b: 2 attempts were told their final outcome was recorded");
    assertViolated("worker-outcomes", "b: w2 was told its COMPLETED (epoch 1) was recorded; the history has none");
  }

  @Test
  void aWorkerToldOfARecordNotInTheHistoryIsFound() {
    attempt("start", 1_010, "w1", "a", 1, null);
    attempt("end", 2_000, "w1", "a", 1, "ok:FAILED");
    assertOnlyViolated("worker-outcomes", "a: w1 was told its FAILED (epoch 1) was recorded; the history has none");
  }

  @Test
  void withoutAttemptLogsTheWorkersSideIsNotJudged() {
    attempts.clear();
    Verdict v = check().stream().filter(x -> x.property().equals("worker-outcomes")).findFirst().orElseThrow();
    assertTrue(v.ok() && v.summary().startsWith("not judged"), v.toString());
  }

  @Test
  void anUnknownSubmitResubmittedUnderItsKeyIsOneTask() {
    long at = 4_000;
    history.add(op(at, "c9", Op.Type.INVOKE, "submit", Json.createObjectBuilder().add("keys", Json.createArrayBuilder().add("ke"))));
    history.add(op(at + 5_000, "c9", Op.Type.INFO, "submit", Json.createObjectBuilder().add("error", "timed out")));
    history.add(op(at + 5_001, "c9", Op.Type.INVOKE, "submit",
        Json.createObjectBuilder().add("keys", Json.createArrayBuilder().add("ke")).add("resubmit", true)));
    history.add(op(at + 5_010, "c9", Op.Type.OK, "submit",
        Json.createObjectBuilder().add("keys", Json.createArrayBuilder().add("ke")).add("tasks", Json.createArrayBuilder().add("e"))));
    task("e", "default", List.of(), t(null, "CREATED", at + 10, 0, null), t("CREATED", "ASSIGNED", at + 20, 1, "w1"),
        t("ASSIGNED", "RUNNING", at + 20, 1, "w1"), t("RUNNING", "COMPLETED", at + 100, 1, "w1"));
    List<Verdict> verdicts = check();
    verdicts.forEach(v -> assertTrue(v.ok(), v.toString()));
    assertTrue(verdicts.stream().anyMatch(v -> v.summary().contains("1 resubmits after an unknown answer")));
  }

  // ---------------------------------------------------------------------------------------------

  private List<Verdict> check() {
    return new Checker(history, tasks, events, attempts).checkAll(List.of(LIMITED), HEALED, BOUND);
  }

  private void attempt(String event, long at, String worker, String task, long epoch, String recorded) {
    attempts.add(att(event, at, worker, task, epoch, recorded));
  }

  private static jakarta.json.JsonObject att(String event, long at, String worker, String task, long epoch, String recorded) {
    var a = Json.createObjectBuilder().add("event", event).add("at_ms", at).add("worker", worker).add("task", task).add("epoch", epoch)
        .add("attempt", 1);
    if (recorded != null) {
      a.add("recorded", recorded);
    }
    return a.build();
  }

  /** Appends an event to the log; fields: pairs of its details. */
  private void event(String type, String taskId, String... fields) {
    events.add(ev(type, taskId, fields));
  }

  private static jakarta.json.JsonObject ev(String type, String taskId, String... fields) {
    var details = Json.createObjectBuilder();
    for (int i = 0; i < fields.length; i += 2) {
      details.add(fields[i], fields[i + 1]);
    }
    return Json.createObjectBuilder().add("type", type).add("task_id", taskId).add("details", details).build();
  }

  private void assertViolated(String property, String expected) {
    Verdict v = check().stream().filter(x -> x.property().equals(property)).findFirst().orElseThrow();
    assertFalse(v.ok(), property + " should be violated");
    assertTrue(v.counterExamples().stream().anyMatch(c -> c.startsWith(expected) || c.contains(expected)),
        "expected a counter-example like '" + expected + "': " + v.counterExamples());
  }

  private void assertOnlyViolated(String property, String expected) {
    assertViolated(property, expected);
    check().stream().filter(v -> !v.property().equals(property)).forEach(v -> assertTrue(v.ok(), "only " + property + ": " + v));
  }

  private static Transition t(String from, String to, long at, long epoch, String worker) {
    return new Transition(from, to, at, epoch, worker, null);
  }

  private void task(String id, String queue, List<String> parents, Transition... h) {
    tasks.put(id, observed(id, queue, parents, List.of(h)));
  }

  private static Observed observed(String id, String queue, List<String> parents, List<Transition> h) {
    Transition last = h.get(h.size() - 1);
    return new Observed(id, last.to(), last.epoch(), queue, parents, h);
  }

  private void replace(String id, Function<List<Transition>, List<Transition>> change) {
    Observed t = tasks.get(id);
    tasks.put(id, observed(id, t.queue(), t.dependsOn(), change.apply(t.history())));
  }

  private static List<Transition> append(List<Transition> h, Transition t) {
    List<Transition> x = new ArrayList<>(h);
    x.add(t);
    return x;
  }

  private static List<Transition> shift(List<Transition> h, long ms) {
    return h.stream().map(t -> t.from() == null ? t : new Transition(t.from(), t.to(), t.at() + ms, t.epoch(), t.worker(), t.reason())).toList();
  }

  private void submit(String id, String key, long at) {
    graph(List.of(id), List.of(key), at);
  }

  private void graph(List<String> ids, List<String> keys, long at) {
    var k = Json.createArrayBuilder();
    keys.forEach(k::add);
    var answered = Json.createArrayBuilder();
    ids.forEach(answered::add);
    String f = ids.size() == 1 ? "submit" : "graph";
    history.add(op(at - 5, "c" + history.size(), Op.Type.INVOKE, f, Json.createObjectBuilder().add("keys", k)));
    var k2 = Json.createArrayBuilder();
    keys.forEach(k2::add);
    history.add(op(at + 5, "c" + (history.size() - 1), Op.Type.OK, f, Json.createObjectBuilder().add("keys", k2).add("tasks", answered)));
  }

  private void cancel(String id, long at) {
    history.add(op(at, "x", Op.Type.INVOKE, "cancel", Json.createObjectBuilder().add("task", id)));
    history.add(op(at + 50, "x", Op.Type.OK, "cancel", Json.createObjectBuilder().add("task", id).add("status", 202)));
  }

  private Op op(long at, String process, Op.Type type, String f, jakarta.json.JsonObjectBuilder value) {
    return new Op(history.size(), at, process, type, f, value.build());
  }
}
