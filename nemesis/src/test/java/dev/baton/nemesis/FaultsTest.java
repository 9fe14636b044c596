package dev.baton.nemesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.nemesis.Faults.Fault;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The schedule: the seed alone decides it; a short run has every kind; the end of a run is left whole. */
class FaultsTest {
  private static final Set<String> ALL = new HashSet<>(Faults.KINDS);

  @Test
  void theSameSeedGivesTheSameScheduleAndAnotherSeedAnother() {
    assertEquals(json(Faults.schedule(7, 180_000, ALL, 3)), json(Faults.schedule(7, 180_000, ALL, 3)));
    assertNotEquals(json(Faults.schedule(7, 180_000, ALL, 3)), json(Faults.schedule(8, 180_000, ALL, 3)));
  }

  @Test
  void threeMinutesHoldEveryKindForAnySeed() {
    for (long seed = 1; seed <= 50; seed++) {
      List<Fault> schedule = Faults.schedule(seed, 180_000, ALL, 3);
      assertEquals(new TreeSet<>(ALL), schedule.stream().map(Fault::kind).collect(Collectors.toCollection(TreeSet::new)), "seed " + seed);
      schedule.forEach(f -> assertTrue(f.atMs() < 160_000, "no fault begins in the last 20 s: " + f));
    }
  }

  @Test
  void onlyTheKindsAskedFor() {
    List<Fault> schedule = Faults.schedule(3, 600_000, Set.of("kill", "partition"), 3);
    assertEquals(Set.of("kill", "partition"), schedule.stream().map(Fault::kind).collect(Collectors.toSet()));
    schedule.forEach(f -> assertTrue(f.worker() >= 1 && f.worker() <= 3));
  }

  @Test
  void eachFaultHasItsHeal() {
    for (Fault f : Faults.schedule(11, 600_000, ALL, 3)) {
      List<String> heal = f.healCmd();
      switch (f.kind()) {
        case "kill" -> assertEquals(List.of("recover-worker", "" + f.worker()), heal);
        case "pause" -> assertEquals(List.of("resume-worker", "" + f.worker()), heal);
        case "kill-redis", "kill-broker", "kill-manager" -> assertEquals(List.of("revive", f.target(3)), heal);
        default -> assertEquals("heal", heal.get(0));
      }
    }
  }

  private static String json(List<Fault> schedule) {
    return schedule.stream().map(f -> f.toJson(3).toString()).collect(Collectors.joining("\n"));
  }
}
