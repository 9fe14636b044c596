package dev.baton.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The table restated as a matrix a person can review at a glance; the test checks all 196 pairs against
 * it, so any change to the table must be made twice, on purpose.
 */
class TaskTransitionsTest {

  private static final String MATRIX =
      """
                  CRE WAI SCH RET ASS RUN MIG REL REC COM FAI CAN SKI DEA
      CREATED      .   .   .   .   x   .   .   .   .   .   .   x   .   x
      WAITING      x   .   x   .   .   .   .   .   .   .   .   x   x   .
      SCHEDULED    x   .   .   .   .   .   .   .   .   .   .   x   x   .
      RETRYING     x   .   .   .   .   .   .   .   .   .   .   x   .   x
      ASSIGNED     .   .   .   .   .   x   .   .   x   .   .   x   .   x
      RUNNING      .   .   .   x   .   .   x   .   x   x   x   x   .   x
      MIGRATING    .   .   .   x   .   .   .   x   x   x   x   x   .   x
      RELEASED     .   .   .   .   x   .   .   .   x   .   .   x   .   x
      RECOVERING   .   .   .   .   x   .   .   .   .   .   x   x   .   x
      COMPLETED    .   .   .   .   .   .   .   .   .   .   .   .   .   .
      FAILED       x   .   .   .   .   .   .   .   .   .   .   .   .   .
      CANCELLED    .   .   .   .   .   .   .   .   .   .   .   .   .   .
      SKIPPED      .   x   .   .   .   .   .   .   .   .   .   .   .   .
      DEAD         x   .   .   .   .   .   .   .   .   .   .   .   .   .
      """;

  static Stream<Arguments> everyPair() {
    List<String> rows = MATRIX.lines().skip(1).filter(l -> !l.isBlank()).toList();
    TaskStatus[] all = TaskStatus.values();
    assertEquals(all.length, rows.size(), "one row per status");
    List<Arguments> pairs = new ArrayList<>();
    for (String row : rows) {
      String[] cells = row.trim().split("\\s+");
      TaskStatus from = TaskStatus.valueOf(cells[0]);
      for (int i = 0; i < all.length; i++) {
        pairs.add(Arguments.of(from, all[i], cells[i + 1].equals("x")));
      }
    }
    return pairs.stream();
  }

  @ParameterizedTest(name = "{0} -> {1} allowed: {2}")
  @MethodSource("everyPair")
  void allowsExactlyTheMatrix(TaskStatus from, TaskStatus to, boolean allowed) {
    assertEquals(allowed, TaskTransitions.isAllowed(from, to));
    if (allowed) {
      TaskTransitions.check(from, to);
    } else {
      IllegalTransitionException e = assertThrows(IllegalTransitionException.class, () -> TaskTransitions.check(from, to));
      assertEquals(from, e.from());
      assertEquals(to, e.to());
    }
  }

  @Test
  void terminalStatesLeadNowhereButARequeueOrBackToWaiting() {
    for (TaskStatus s : TaskStatus.values()) {
      if (s.isFinal()) {
        // a requeue (FAILED, DEAD), or a skipped task whose failed parent was requeued
        TaskStatus back = s == TaskStatus.SKIPPED ? TaskStatus.WAITING : TaskStatus.CREATED;
        assertTrue(TaskTransitions.targetsOf(s).stream().allMatch(t -> t == back), s + " must be final");
      }
    }
  }

  @Test
  void everyStatusIsReachableFromAnInitialOne() {
    var reached = new java.util.HashSet<>(TaskTransitions.INITIAL);
    boolean grew = true;
    while (grew) {
      grew = false;
      for (TaskStatus s : List.copyOf(reached)) {
        grew |= reached.addAll(TaskTransitions.targetsOf(s));
      }
    }
    assertEquals(TaskStatus.values().length, reached.size(), "unreachable: " + reached);
  }

  @Test
  void luaTableListsEveryState() {
    String lua = TaskTransitions.asLuaTable();
    for (TaskStatus s : TaskStatus.values()) {
      assertTrue(lua.contains(s.name() + " = {"), s + " missing in " + lua);
    }
    assertTrue(lua.contains("RUNNING = {") && lua.contains("COMPLETED = true"));
  }

  @Test
  void onlyTheTimedStatesWaitForATimerAndNoOwnedOrFinalStateIsClaimable() {
    for (TaskStatus s : TaskStatus.values()) {
      assertEquals(s == TaskStatus.SCHEDULED || s == TaskStatus.RETRYING, s.waitsForTimer(), s.name());
      if (TaskTransitions.CLAIMABLE.contains(s)) {
        assertTrue(!s.isOwned() && !s.isFinal() && TaskTransitions.isAllowed(s, TaskStatus.ASSIGNED), s.name());
      }
    }
  }

  @Test
  void aTimedStateLeadsBackToTheQueueAndCanBeCancelled() {
    for (TaskStatus s : List.of(TaskStatus.SCHEDULED, TaskStatus.RETRYING)) {
      assertTrue(TaskTransitions.isAllowed(s, TaskStatus.CREATED) && TaskTransitions.isAllowed(s, TaskStatus.CANCELLED), s.name());
      assertTrue(!TaskTransitions.isAllowed(s, TaskStatus.ASSIGNED), s + " is never claimed before its time");
    }
  }
}
