package dev.baton.manager.cluster.control;

import dev.baton.cluster.WorkerRecord;
import dev.baton.cluster.WorkerStatus;
import dev.baton.logging.Structured;
import dev.baton.manager.config.ManagerSettings;
import dev.baton.store.RedisTaskStore;
import dev.baton.store.RedisWorkerRegistry;
import dev.baton.store.StoreUnavailableException;
import dev.baton.task.TaskRecord;
import dev.baton.task.TaskStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Moves running tasks away from OVERLOADED workers to the least loaded live ones with a free slot.
 * Without ping-pong: never onto an overloaded worker, never beyond a target's free slots, and a task that
 * moved stays put for {@code baton.balancer.cooldown-s}.
 */
@ApplicationScoped
public class Balancer {
  private static final Logger LOG = Logger.getLogger(Balancer.class.getName());

  @Inject RedisWorkerRegistry registry;
  @Inject RedisTaskStore tasks;
  @Inject Migrations migrations;
  @Inject ManagerSettings settings;

  /** Task id -> when the balancer moved it (this manager's memory; the cooldown). Only the supervisor thread uses it. */
  private final Map<String, Instant> movedAt = new HashMap<>();

  public void tick() {
    try {
      Instant now = Instant.now();
      movedAt.values().removeIf(t -> t.plus(settings.balancerCooldown()).isBefore(now));
      List<WorkerRecord> alive = registry.all().stream().filter(w -> LiveWorkers.isAlive(w, now)).toList();
      Map<String, Integer> free = new HashMap<>();
      alive.stream()
          .filter(w -> w.status() == WorkerStatus.UP)
          .forEach(w -> free.put(w.id(), w.slots() - w.activeTasks().size()));
      for (WorkerRecord busy : alive) {
        if (busy.status() != WorkerStatus.OVERLOADED) {
          continue;
        }
        for (String id : busy.activeTasks()) {
          TaskRecord t = tasks.find(id).orElse(null);
          if (t == null || t.status() != TaskStatus.RUNNING || movedAt.containsKey(id)) {
            continue;
          }
          WorkerRecord target =
              alive.stream()
                  .filter(w -> free.getOrDefault(w.id(), 0) > 0 && w.takes(t.type(), t.queue()))
                  .min(Comparator.comparingDouble((WorkerRecord w) -> (w.slots() - free.get(w.id())) / (double) w.slots()).thenComparing(WorkerRecord::id))
                  .orElse(null);
          if (target == null) {
            break;
          }
          var outcome = migrations.migrate(t, target.id(), "balancer: " + busy.id() + " is overloaded (x" + busy.overloadFactor() + ")", "balancer");
          if (outcome.isPresent()) {
            free.merge(target.id(), -1, Integer::sum);
            movedAt.put(id, now);
            Structured.log(LOG, Level.INFO, "task.balanced", id, busy.id(), null, () -> "balancer: moving " + id + " from " + busy.id() + " to " + target.id());
          }
        }
      }
    } catch (StoreUnavailableException e) {
      // next round
    }
  }
}
