package dev.baton.manager.cluster.control;

import dev.baton.cluster.WorkerRecord;
import dev.baton.cluster.WorkerStatus;
import dev.baton.store.RedisWorkerRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The workers that are alive (lease running, not declared failed, not gone), as read from Redis at most
 * every {@value #REFRESH_MS} ms: who can take which task type, and who is least loaded.
 */
@ApplicationScoped
public class LiveWorkers {
  static final long REFRESH_MS = 1_000;
  @Inject RedisWorkerRegistry registry;

  private volatile List<WorkerRecord> alive = List.of();
  private volatile long readAt;

  public List<WorkerRecord> all() {
    long now = System.currentTimeMillis();
    if (now - readAt > REFRESH_MS) {
      Instant t = Instant.now();
      alive = registry.all().stream().filter(w -> isAlive(w, t)).toList();
      readAt = now;
    }
    return alive;
  }

  public static boolean isAlive(WorkerRecord w, Instant now) {
    return w.status() != WorkerStatus.FAILED && w.status() != WorkerStatus.DOWN && w.leaseUntil() != null && w.leaseUntil().isAfter(now);
  }

  /**
   * Where untargeted tasks of {@code type} in {@code queue} may go: anywhere (empty) if every live worker runs
   * the type and takes from the queue, else the live workers that do, least loaded first (overloaded ones
   * last); an empty list if none does.
   */
  public Optional<List<String>> takers(String type, String queue) {
    if (all().stream().allMatch(w -> w.takes(type, queue))) {
      return Optional.empty();
    }
    return Optional.of(
        all().stream()
            .filter(w -> w.takes(type, queue))
            .sorted(Comparator.comparing((WorkerRecord w) -> w.status() == WorkerStatus.OVERLOADED).thenComparingDouble(WorkerRecord::load))
            .map(WorkerRecord::id)
            .toList());
  }

  /**
   * The least loaded live worker that runs {@code type} and takes from {@code queue}, other than {@code
   * except}; not an overloaded one.
   */
  public Optional<WorkerRecord> leastLoaded(String type, String queue, String except) {
    return all().stream()
        .filter(w -> w.takes(type, queue) && !w.id().equals(except) && w.status() != WorkerStatus.OVERLOADED)
        .min(Comparator.comparingDouble(WorkerRecord::load).thenComparing(WorkerRecord::id));
  }
}
