package dev.baton.nemesis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.baton.nemesis.Availability.Interval;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Outages are runs of failed or unknown calls, counted for the faults they overlap. */
class AvailabilityTest {
  private static Call call(String f, long at, long took, Op.Type outcome) {
    return new Call("c1", f, at, at + took, outcome);
  }

  @Test
  void anOutageRunsFromTheFirstFailedCallToTheNextSuccess() {
    List<Call> calls = List.of(
        call("submit", 0, 10, Op.Type.OK),
        call("submit", 1_000, 5_000, Op.Type.INFO), // a timeout
        call("read", 2_000, 5, Op.Type.OK), // reads are another kind of call
        call("graph", 6_100, 20, Op.Type.FAIL),
        call("submit", 7_000, 30, Op.Type.OK),
        call("submit", 8_000, 10, Op.Type.OK));
    List<Availability.Outage> outages = Availability.outages(calls, "submit", Set.of("submit", "graph"));
    assertEquals(1, outages.size());
    assertEquals(1_000, outages.get(0).fromMs());
    assertEquals(7_030, outages.get(0).toMs());
    assertEquals(2, outages.get(0).calls());
    assertEquals(List.of(), Availability.outages(calls, "read", Set.of("read")));
  }

  @Test
  void eachKindOfFaultCountsTheOutagesItOverlaps() {
    List<Call> calls = List.of(
        call("submit", 0, 10, Op.Type.OK),
        call("submit", 1_000, 5_000, Op.Type.INFO),
        call("submit", 7_000, 30, Op.Type.OK),
        call("read", 20_000, 5_000, Op.Type.INFO),
        call("read", 26_000, 5, Op.Type.OK));
    List<Interval> faults = List.of(new Interval("kill-redis", 900, 6_500), new Interval("pause", 10_000, 12_000),
        new Interval("kill-redis", 19_000, 21_000));
    List<JsonObject> rows = Availability.perKind(faults, calls);
    assertEquals(2, rows.size());
    JsonObject redis = rows.get(0);
    assertEquals("kill-redis", redis.getString("kind"));
    assertEquals(2, redis.getInt("faults"));
    assertEquals(7_600, redis.getJsonNumber("broken_ms").longValue());
    assertEquals(1, redis.getInt("submit_outages"));
    assertEquals(6_030, redis.getJsonNumber("submit_longest_ms").longValue());
    assertEquals(1, redis.getInt("read_outages"));
    assertEquals(6_005, redis.getJsonNumber("read_longest_ms").longValue());
    JsonObject pause = rows.get(1);
    assertEquals(0, pause.getInt("submit_outages"));
    assertEquals(0, pause.getInt("read_outages"));
  }
}
