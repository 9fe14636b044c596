package dev.baton.task;

import static dev.baton.task.TaskStatus.*;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * THE transition table. Java code asks it before acting; the Redis scripts receive it (see {@link
 * #asLuaTable()}) and refuse any change it does not list, atomically with the change itself.
 */
public final class TaskTransitions {

  /** The states a task may be created in. */
  public static final Set<TaskStatus> INITIAL = Collections.unmodifiableSet(EnumSet.of(CREATED, WAITING, SCHEDULED));

  /** The states from which a worker may claim a task it received from the broker. */
  public static final Set<TaskStatus> CLAIMABLE = Collections.unmodifiableSet(EnumSet.of(CREATED, RECOVERING, RELEASED));

  private static final Map<TaskStatus, Set<TaskStatus>> ALLOWED = new EnumMap<>(TaskStatus.class);

  static {
    allow(CREATED, ASSIGNED, CANCELLED, DEAD);
    allow(WAITING, CREATED, SCHEDULED, SKIPPED, CANCELLED);
    allow(SCHEDULED, CREATED, SKIPPED, CANCELLED);
    allow(RETRYING, CREATED, CANCELLED, DEAD);
    allow(ASSIGNED, RUNNING, RECOVERING, CANCELLED, DEAD);
    allow(RUNNING, COMPLETED, FAILED, RETRYING, MIGRATING, RECOVERING, CANCELLED, DEAD);
    allow(MIGRATING, RELEASED, RECOVERING, COMPLETED, FAILED, RETRYING, CANCELLED, DEAD);
    allow(RELEASED, ASSIGNED, RECOVERING, CANCELLED, DEAD);
    allow(RECOVERING, ASSIGNED, FAILED, CANCELLED, DEAD);
    allow(COMPLETED);
    allow(FAILED, CREATED);
    allow(CANCELLED);
    allow(SKIPPED, WAITING);
    allow(DEAD, CREATED);
  }

  private TaskTransitions() {}

  private static void allow(TaskStatus from, TaskStatus... to) {
    ALLOWED.put(from, to.length == 0 ? EnumSet.noneOf(TaskStatus.class) : EnumSet.of(to[0], to));
  }

  public static boolean isAllowed(TaskStatus from, TaskStatus to) {
    return ALLOWED.get(from).contains(to);
  }

  public static Set<TaskStatus> targetsOf(TaskStatus from) {
    return Collections.unmodifiableSet(ALLOWED.get(from));
  }

  /** Refuses an illegal change with an exception naming both states. */
  public static void check(TaskStatus from, TaskStatus to) {
    if (!isAllowed(from, to)) {
      throw new IllegalTransitionException(from, to);
    }
  }

  /**
   * The table as Lua constants for the Redis scripts: {@code ALLOWED = {CREATED = {ASSIGNED = true, ...},
   * ...}}, plus the sets {@code INITIAL}, {@code CLAIMABLE}, {@code OWNED}, {@code FINAL} and {@code TIMED}.
   */
  public static String asLuaTable() {
    return ALLOWED.entrySet().stream()
            .map(e -> e.getKey().name() + " = " + luaSet(e.getValue()))
            .collect(Collectors.joining(",\n  ", "local ALLOWED = {\n  ", "\n}\n"))
        + "local INITIAL = " + luaSet(INITIAL) + "\n"
        + "local CLAIMABLE = " + luaSet(CLAIMABLE) + "\n"
        + "local OWNED = " + luaSet(statesWhere(TaskStatus::isOwned)) + "\n"
        + "local FINAL = " + luaSet(statesWhere(TaskStatus::isFinal)) + "\n"
        + "local TIMED = " + luaSet(statesWhere(TaskStatus::waitsForTimer)) + "\n";
  }

  private static Set<TaskStatus> statesWhere(java.util.function.Predicate<TaskStatus> p) {
    return EnumSet.allOf(TaskStatus.class).stream().filter(p).collect(Collectors.toCollection(() -> EnumSet.noneOf(TaskStatus.class)));
  }

  private static String luaSet(Set<TaskStatus> states) {
    return states.stream().map(t -> t.name() + " = true").collect(Collectors.joining(", ", "{", "}"));
  }
}
