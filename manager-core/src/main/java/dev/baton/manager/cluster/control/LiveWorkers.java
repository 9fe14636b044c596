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

  /** True if every live worker runs {@code type} (then any of them may take it). */
  public boolean allRun(String type) {
    return all().stream().allMatch(w -> w.types().contains(type));
  }

  /**
   * Where an untargeted task of {@code type} may go: anywhere (empty) if every live worker runs the type,
   * else the least loaded live worker that does (overloaded ones last).
   *
   * @return the worker to target, empty for any; null if no live worker runs the type
   */
  public Optional<String> routeFor(String type) {
    if (allRun(type)) {
      return Optional.empty();
    }
    return all().stream()
        .filter(w -> w.types().contains(type))
        .min(Comparator.comparing((WorkerRecord w) -> w.status() == WorkerStatus.OVERLOADED).thenComparingDouble(WorkerRecord::load))
        .map(w -> Optional.of(w.id()))
        .orElse(null);
  }

  /** The least loaded live worker that runs {@code type}, other than {@code except}; not an overloaded one. */
  public Optional<WorkerRecord> leastLoaded(String type, String except) {
    return all().stream()
        .filter(w -> w.types().contains(type) && !w.id().equals(except) && w.status() != WorkerStatus.OVERLOADED)
        .min(Comparator.comparingDouble(WorkerRecord::load).thenComparing(WorkerRecord::id));
  }
}
