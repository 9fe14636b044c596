package dev.baton.manager.cluster.control;

import dev.baton.cluster.WorkerRecord;
import dev.baton.cluster.WorkerStatus;
import dev.baton.event.BatonEvent;
import dev.baton.manager.cluster.entity.WorkerCondition;
import dev.baton.manager.cluster.entity.WorkerCondition.Code;
import dev.baton.manager.config.ManagerSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells a worker's condition from its record, whether its process still holds connections, and what the
 * event log said about it: the simulated fault asked for, and writes of it refused since it was declared
 * failed (a zombie at work).
 */
@ApplicationScoped
public class WorkerConditions {
  @Inject ManagerSettings settings;

  private final Map<String, String> faults = new ConcurrentHashMap<>();
  private final Map<String, Instant> fencedAt = new ConcurrentHashMap<>();

  /** Remembers the events that say more than a worker's record: faults asked for, writes refused. */
  void onEvent(@Observes BatonEvent e) {
    String w = e.workerId();
    if (w == null) {
      return;
    }
    switch (e.type()) {
      case "worker.fault" -> faults.put(w, e.fields().getOrDefault("mode", ""));
      case "task.fenced" -> fencedAt.put(w, e.at());
      case "worker.joined", "worker.rejoined", "worker.recover" -> {
        faults.remove(w);
        fencedAt.remove(w);
      }
      default -> {
        // nothing to remember
      }
    }
  }

  /** @param withProcess the workers whose process holds Redis connections now */
  public WorkerCondition of(WorkerRecord w, Set<String> withProcess, Instant now) {
    return of(w, withProcess.contains(w.id()), faults.get(w.id()), fencedAt.get(w.id()), now, settings.heartbeat(), settings.workerTimeout());
  }

  static WorkerCondition of(
      WorkerRecord w, boolean processAlive, String fault, Instant lastFenced, Instant now, Duration heartbeat, Duration timeout) {
    if (w.status() == WorkerStatus.DOWN) {
      return new WorkerCondition(Code.DOWN, "DOWN", "it left cleanly, handing its tasks back");
    }
    if (w.status() == WorkerStatus.FAILED) {
      if (!processAlive) {
        return new WorkerCondition(Code.FAILED, "FAILED", "declared failed; its process is gone (crashed or killed)");
      }
      boolean writing = lastFenced != null && w.lastHeartbeat() != null && lastFenced.isAfter(w.lastHeartbeat());
      if (writing || "PARTITION".equals(fault)) {
        return new WorkerCondition(
            Code.ZOMBIE,
            "ZOMBIE",
            "declared failed, yet alive and cut off" + (writing ? " and still writing: its writes are refused (fenced)" : ": its writes will be refused"));
      }
      return new WorkerCondition(Code.HUNG, "HUNG", "declared failed; its process is alive but silent (frozen or hung)");
    }
    Duration silent = w.lastHeartbeat() == null ? Duration.ZERO : Duration.between(w.lastHeartbeat(), now);
    if (silent.compareTo(heartbeat.multipliedBy(2)) > 0) {
      Duration left = timeout.minus(silent);
      return new WorkerCondition(
          Code.LATE,
          "LATE",
          String.format(
              Locale.ROOT,
              "no heartbeat for %.1f s; %s",
              silent.toMillis() / 1000.0,
              left.isNegative() ? "its lease has run out: the failure detector declares it FAILED now"
                  : String.format(Locale.ROOT, "declared FAILED in %.1f s unless one comes", left.toMillis() / 1000.0)));
    }
    if (w.status() == WorkerStatus.OVERLOADED) {
      return new WorkerCondition(
          Code.OVERLOADED, "OVERLOADED", "every step takes " + factor(w.overloadFactor()) + " times as long; the balancer moves its tasks away");
    }
    return new WorkerCondition(Code.UP, "UP", "heartbeating, takes tasks");
  }

  private static String factor(double f) {
    return f == Math.rint(f) ? Long.toString((long) f) : String.format(Locale.ROOT, "%.1f", f);
  }
}
