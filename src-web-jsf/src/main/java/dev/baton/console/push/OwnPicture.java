package dev.baton.console.push;

import dev.baton.cluster.ClusterSnapshot;
import dev.baton.event.BatonEvent;
import dev.baton.manager.cluster.entity.ClusterPicture;
import dev.baton.task.TaskSummary;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What of the cluster's picture a viewer or operator sees: their own tasks (on the workers, in transit, waiting) and
 * their events; the workers, their conditions and the counts are everyone's.
 */
public final class OwnPicture {
  private OwnPicture() {}

  /** @param mine whether a task (by id) is the user's */
  public static ClusterPicture of(ClusterPicture p, Predicate<String> mine) {
    ClusterSnapshot s = p.snapshot();
    ClusterSnapshot own =
        new ClusterSnapshot(
            s.at(), s.workers(), only(s.tasks(), mine), s.waiting(), only(s.oldestWaiting(), mine), s.counts(), s.totals(),
            s.completedPerSecond(), s.failedPerSecond());
    return new ClusterPicture(own, p.conditions(), p.broker(), p.redisMs(), p.canRestart());
  }

  static PushCoalescer.Batch of(PushCoalescer.Batch b, Predicate<String> mine) {
    List<BatonEvent> events = b.events().stream().filter(e -> e.taskId() == null || mine.test(e.taskId())).toList();
    Set<String> changed = b.changedTasks() == null ? null : b.changedTasks().stream().filter(mine).collect(Collectors.toSet());
    return new PushCoalescer.Batch(events, b.dropped(), changed, b.workersChanged(), b.progressed(), b.scenario());
  }

  private static List<TaskSummary> only(List<TaskSummary> tasks, Predicate<String> mine) {
    return tasks.stream().filter(t -> mine.test(t.id())).toList();
  }
}
