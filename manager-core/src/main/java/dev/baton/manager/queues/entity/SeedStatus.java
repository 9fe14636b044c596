package dev.baton.manager.queues.entity;

import dev.baton.task.TaskStatus;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Seed 004's status words for Baton's statuses: queued (waiting for a worker, or for its time), waiting (for
 * its parents), running (a worker has it), done, failed (DEAD too: it ran out of workers), cancelled, skipped.
 */
public enum SeedStatus {
  QUEUED(EnumSet.of(TaskStatus.CREATED, TaskStatus.SCHEDULED, TaskStatus.RETRYING, TaskStatus.RECOVERING, TaskStatus.RELEASED)),
  WAITING(EnumSet.of(TaskStatus.WAITING)),
  RUNNING(EnumSet.of(TaskStatus.ASSIGNED, TaskStatus.RUNNING, TaskStatus.MIGRATING)),
  DONE(EnumSet.of(TaskStatus.COMPLETED)),
  FAILED(EnumSet.of(TaskStatus.FAILED, TaskStatus.DEAD)),
  CANCELLED(EnumSet.of(TaskStatus.CANCELLED)),
  SKIPPED(EnumSet.of(TaskStatus.SKIPPED));

  /** In the order seed 004 lists them. */
  public static final List<SeedStatus> ALL = List.of(values());

  private final Set<TaskStatus> statuses;

  SeedStatus(Set<TaskStatus> statuses) {
    this.statuses = statuses;
  }

  public Set<TaskStatus> statuses() {
    return statuses;
  }

  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static SeedStatus of(TaskStatus s) {
    for (SeedStatus w : values()) {
      if (w.statuses.contains(s)) {
        return w;
      }
    }
    throw new IllegalArgumentException("no seed 004 word for " + s);
  }

  /** The statuses of a task not ended yet (seed 004's queue without include_done). */
  public static Set<TaskStatus> notDone() {
    EnumSet<TaskStatus> s = EnumSet.noneOf(TaskStatus.class);
    for (SeedStatus w : List.of(QUEUED, WAITING, RUNNING)) {
      s.addAll(w.statuses);
    }
    return s;
  }
}
