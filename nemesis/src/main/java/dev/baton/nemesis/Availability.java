package dev.baton.nemesis;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * For how long submits and reads failed, per kind of fault. An outage is a run of calls (in the order invoked) that
 * all failed or stayed unknown: from the first one's invoke to the next call that succeeded. It counts for every kind
 * of fault whose break-to-heal interval it overlaps.
 */
final class Availability {
  /** One fault as it happened: broken at {@code fromMs}, healed at {@code toMs} (wall clock). */
  record Interval(String kind, long fromMs, long toMs) {}

  /** An outage of one kind of call. */
  record Outage(String what, long fromMs, long toMs, int calls) {
    long ms() {
      return toMs - fromMs;
    }
  }

  private Availability() {}

  static List<Outage> outages(List<Call> calls, String what, Set<String> fs) {
    List<Outage> out = new ArrayList<>();
    Long from = null;
    int failed = 0;
    for (Call c : calls) {
      if (!fs.contains(c.f())) {
        continue;
      }
      if (c.ok()) {
        if (from != null) {
          out.add(new Outage(what, from, c.endedMs(), failed));
          from = null;
          failed = 0;
        }
      } else {
        if (from == null) {
          from = c.invokedMs();
        }
        failed++;
      }
    }
    if (from != null) {
      out.add(new Outage(what, from, calls.isEmpty() ? from : calls.get(calls.size() - 1).endedMs(), failed));
    }
    return out;
  }

  /** Per kind of fault: how often and how long it struck, and the outages of submits and reads that overlapped it. */
  static List<JsonObject> perKind(List<Interval> faults, List<Call> calls) {
    List<Outage> outages = new ArrayList<>(outages(calls, "submit", Set.of("submit", "graph")));
    outages.addAll(outages(calls, "read", Set.of("read")));
    Map<String, List<Interval>> byKind = new LinkedHashMap<>();
    faults.forEach(f -> byKind.computeIfAbsent(f.kind(), k -> new ArrayList<>()).add(f));
    List<JsonObject> rows = new ArrayList<>();
    byKind.forEach((kind, intervals) -> {
      long broken = intervals.stream().mapToLong(i -> i.toMs() - i.fromMs()).sum();
      var row = Json.createObjectBuilder().add("kind", kind).add("faults", intervals.size()).add("broken_ms", broken);
      for (String what : List.of("submit", "read")) {
        List<Outage> hit = outages.stream().filter(o -> o.what().equals(what))
            .filter(o -> intervals.stream().anyMatch(i -> o.fromMs() <= i.toMs() && o.toMs() >= i.fromMs())).toList();
        row.add(what + "_outages", hit.size())
            .add(what + "_longest_ms", hit.stream().mapToLong(Outage::ms).max().orElse(0))
            .add(what + "_failed_calls", hit.stream().mapToInt(Outage::calls).sum());
      }
      rows.add(row.build());
    });
    return rows;
  }

  static String table(List<JsonObject> rows) {
    StringBuilder b = new StringBuilder(String.format("%-17s %6s %9s   %-26s %-26s%n", "fault", "times", "broken", "submits failed (longest)",
        "reads failed (longest)"));
    for (JsonObject r : rows) {
      b.append(String.format("%-17s %6d %8.1fs   %3d calls, %2d outages (%5.1fs) %3d calls, %2d outages (%5.1fs)%n", r.getString("kind"),
          r.getInt("faults"), r.getJsonNumber("broken_ms").longValue() / 1000.0, r.getInt("submit_failed_calls"), r.getInt("submit_outages"),
          r.getJsonNumber("submit_longest_ms").longValue() / 1000.0, r.getInt("read_failed_calls"), r.getInt("read_outages"),
          r.getJsonNumber("read_longest_ms").longValue() / 1000.0));
    }
    return b.toString();
  }
}
