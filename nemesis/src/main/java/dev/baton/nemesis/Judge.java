package dev.baton.nemesis;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Judges a finished run from its files alone - the history, the tasks as the cluster reported them, the faults as
 * they happened - as Jepsen's checkers do: {@code ./demo.sh nemesis --check run/nemesis/<seed>} judges it again
 * (after a change to the checker, or on a history from elsewhere). Writes the verdicts, the availability per fault
 * kind and the picture next to them.
 */
public final class Judge {
  private Judge() {}

  public static void main(String[] args) throws IOException {
    System.exit(judge(Path.of(args[0])) ? 0 : 1);
  }

  /** True if every property held. */
  static boolean judge(Path dir) throws IOException {
    JsonObject run = json(Files.readString(dir.resolve("run.json")));
    long start = run.getJsonNumber("start_ms").longValue();
    long healedAt = run.getJsonNumber("healed_ms").longValue();
    long quiet = run.getJsonNumber("quiet_ms").longValue();
    List<Op> history = HistoryLog.read(dir.resolve("history.jsonl"));
    Map<String, Observed> tasks = new HashMap<>();
    for (JsonObject t : lines(dir.resolve("tasks.jsonl"))) {
      Observed o = Observed.fromApi(t);
      tasks.put(o.id(), o);
    }
    List<JsonObject> happened = lines(dir.resolve("faults.jsonl"));

    List<JsonObject> events = Files.exists(dir.resolve("events.jsonl")) ? lines(dir.resolve("events.jsonl")) : List.of();
    List<JsonObject> attempts = Files.exists(dir.resolve("attempts.jsonl")) ? lines(dir.resolve("attempts.jsonl")) : List.of();
    List<Verdict> verdicts = new Checker(history, tasks, events, attempts).checkAll(List.of(NemesisRun.LIMITS), healedAt, NemesisRun.BOUND_MS);
    List<Availability.Interval> intervals = intervals(happened);
    List<Call> calls = Call.of(history);
    List<JsonObject> availability = Availability.perKind(intervals, calls);
    Picture.write(dir.resolve("picture"), start, intervals, calls, tasks);
    Files.writeString(dir.resolve("availability.txt"), Availability.table(availability));
    boolean valid = verdicts.stream().allMatch(Verdict::ok);
    JsonObject report = Json.createObjectBuilder(run)
        .add("operations", history.stream().filter(o -> o.type() == Op.Type.INVOKE).count())
        .add("unknown", history.stream().filter(o -> o.type() == Op.Type.INFO).count())
        .add("tasks", tasks.size())
        .add("quiet_after_heal_ms", quiet - healedAt)
        .add("verdicts", Json.createArrayBuilder(verdicts.stream().map(Verdict::toJson).toList()))
        .add("availability", Json.createArrayBuilder(availability))
        .add("valid", valid)
        .build();
    Files.writeString(dir.resolve("verdict.json"), report.toString());
    StringBuilder text = new StringBuilder();
    verdicts.forEach(v -> text.append(v).append('\n'));
    Files.writeString(dir.resolve("verdict.txt"), text.toString());
    System.out.println(Availability.table(availability).stripTrailing());
    System.out.println(text.toString().stripTrailing());
    System.out.printf("%s: %d operations (%d unknown), %d tasks, %d faults; quiet %.1f s after the heal; picture: %s%n",
        valid ? "VALID" : "INVALID", report.getInt("operations"), report.getInt("unknown"), tasks.size(), run.getInt("faults"),
        (quiet - healedAt) / 1000.0, dir.resolve("picture.png"));
    return valid;
  }

  /** Each fault from its break to its heal (wall clock); one the final heal-all healed ends there. */
  private static List<Availability.Interval> intervals(List<JsonObject> happened) {
    Map<Integer, JsonObject> broken = new java.util.HashMap<>();
    List<Availability.Interval> out = new ArrayList<>();
    List<JsonObject> ordered = new ArrayList<>(happened);
    ordered.sort(Comparator.comparingLong(h -> h.getJsonNumber("wall_ms").longValue()));
    for (JsonObject h : ordered) {
      long at = h.getJsonNumber("wall_ms").longValue();
      long end = at + h.getJsonNumber("took_ms").longValue();
      if (h.getString("action").equals("break")) {
        broken.put(h.getInt("n"), h);
      } else if (h.getInt("n") < 0) {
        broken.values().forEach(b -> out.add(new Availability.Interval(b.getString("kind"), b.getJsonNumber("wall_ms").longValue(), end)));
        broken.clear();
      } else {
        JsonObject b = broken.remove(h.getInt("n"));
        if (b != null) {
          out.add(new Availability.Interval(b.getString("kind"), b.getJsonNumber("wall_ms").longValue(), end));
        }
      }
    }
    out.sort(Comparator.comparingLong(Availability.Interval::fromMs));
    return out;
  }

  private static List<JsonObject> lines(Path file) throws IOException {
    List<JsonObject> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (!line.isBlank()) {
        out.add(json(line));
      }
    }
    return out;
  }

  private static JsonObject json(String text) {
    try (var r = Json.createReader(new StringReader(text))) {
      return r.readObject();
    }
  }
}
