package dev.baton.manager.cluster.control;

import dev.baton.cluster.ClusterSnapshot;
import dev.baton.cluster.WorkerRecord;
import dev.baton.cluster.WorkerStatus;
import dev.baton.manager.cluster.entity.ClusterPicture;
import dev.baton.manager.cluster.entity.WorkerCondition;
import dev.baton.manager.system.control.StatusReport;
import dev.baton.store.RedisSnapshots;
import dev.baton.store.RedisWorkerRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Reads the whole cluster for a live picture: one snapshot of Redis, each worker's condition, the broker. */
@ApplicationScoped
public class ClusterView {
  @Inject RedisSnapshots snapshots;
  @Inject RedisWorkerRegistry registry;
  @Inject WorkerConditions conditions;
  @Inject StatusReport status;
  @Inject WorkerLauncher launcher;

  /**
   * @param waitingShown how many of the oldest waiting tasks to include
   * @param seconds how many full seconds of completion and failure counts
   */
  public ClusterPicture now(int waitingShown, int seconds) {
    long t0 = System.nanoTime();
    ClusterSnapshot s = snapshots.take(waitingShown, seconds);
    double redisMs = (System.nanoTime() - t0) / 1e6;
    boolean anyFailed = s.workers().stream().anyMatch(w -> w.status() == WorkerStatus.FAILED);
    // Only a failed worker raises the question whether its process lives on (one CLIENT LIST for all).
    Set<String> withProcess = anyFailed ? registry.workersWithConnections() : Set.of();
    Map<String, WorkerCondition> byWorker = new LinkedHashMap<>();
    for (WorkerRecord w : s.workers()) {
      byWorker.put(w.id(), conditions.of(w, withProcess, s.at()));
    }
    return new ClusterPicture(s, byWorker, status.brokerNow(), redisMs, launcher.available());
  }
}
