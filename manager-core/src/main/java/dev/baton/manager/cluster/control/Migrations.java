package dev.baton.manager.cluster.control;

import dev.baton.cluster.ControlCommand;
import dev.baton.cluster.WorkerRecord;
import dev.baton.logging.Structured;
import dev.baton.manager.cluster.entity.MigrationStarted;
import dev.baton.manager.config.ManagerSettings;
import dev.baton.manager.refusal.Refusal;
import dev.baton.messaging.BrokerUnavailableException;
import dev.baton.messaging.JmsControl;
import dev.baton.store.RedisTaskStore;
import dev.baton.store.RedisWorkerRegistry;
import dev.baton.task.MigrationRequest;
import dev.baton.task.TaskRecord;
import dev.baton.task.TaskStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Moves a running task to another live worker: the task goes MIGRATING, its worker is told to release it
 * at its next safe point with a final checkpoint, and the target resumes it from there. If the source does
 * not release in time, the failure detector forces it (fencing the source).
 */
@ApplicationScoped
public class Migrations {
  private static final Logger LOG = Logger.getLogger(Migrations.class.getName());

  @Inject RedisTaskStore tasks;
  @Inject RedisWorkerRegistry registry;
  @Inject LiveWorkers live;
  @Inject JmsControl control;
  @Inject ManagerSettings settings;

  /**
   * For people (the API, the console): checks the request and starts the migration.
   *
   * @param target a worker id, or null for the least loaded live worker that runs the task's type
   * @param actor who asks (recorded with the migration)
   * @throws Refusal NOT_FOUND for an unknown task, CONFLICT if it is not running or no target is available, INVALID
   *     for a bad target
   */
  public MigrationStarted request(String taskId, String target, String actor) {
    TaskRecord task = tasks.find(taskId).orElseThrow(() -> Refusal.notFound("no task with id " + taskId));
    if (task.status() != TaskStatus.RUNNING) {
      throw conflict("task " + taskId + " is " + task.status() + "; only a RUNNING task can migrate");
    }
    String to = target;
    if (to == null) {
      to =
          live.leastLoaded(task.type(), task.queue(), task.workerId())
              .map(WorkerRecord::id)
              .orElseThrow(() -> conflict("no other live worker that runs " + task.type() + " tasks can take it"));
    } else {
      if (to.equals(task.workerId())) {
        throw Refusal.invalid("worker_id", "the task runs on " + to + " already");
      }
      String wanted = to;
      WorkerRecord w = registry.find(to).orElseThrow(() -> Refusal.invalid("worker_id", "no worker named '" + wanted + "'"));
      if (!LiveWorkers.isAlive(w, Instant.now())) {
        throw conflict("worker " + to + " is not alive (" + w.status() + ")");
      }
      if (!w.types().contains(task.type())) {
        throw Refusal.invalid("worker_id", to + " does not run " + task.type() + " tasks");
      }
      if (!w.takes(task.type(), task.queue())) {
        throw Refusal.invalid("worker_id", to + " does not take tasks from queue " + task.queue());
      }
    }
    return migrate(task, to, "requested by " + actor, actor)
        .orElseThrow(() -> conflict("task " + taskId + " stopped running meanwhile"));
  }

  /** Starts a migration (API and balancer); empty if the task was no longer running there. */
  Optional<MigrationStarted> migrate(TaskRecord task, String target, String reason, String actor) {
    MigrationRequest r = tasks.requestMigration(task.id(), target, settings.migrationTimeout(), reason, actor);
    switch (r.outcome()) {
      case REQUESTED -> {
        try {
          control.send(r.worker(), ControlCommand.migrate(task.id(), r.epoch(), target));
        } catch (BrokerUnavailableException e) {
          Structured.log(LOG, Level.WARNING, "task.migrate_unsent", task.id(), r.worker(), r.epoch(), () -> "migrate command to " + r.worker() + " not sent; it sees MIGRATING at its next write: " + e.getMessage());
        }
        return Optional.of(new MigrationStarted(task.id(), TaskStatus.MIGRATING.name(), r.worker(), target));
      }
      case TARGET_GONE -> throw conflict("worker " + target + " is not alive");
      case SAME_WORKER -> throw Refusal.invalid("worker_id", "the task runs on " + target + " already");
      case MISSING -> throw Refusal.notFound("no task with id " + task.id());
      default -> {
        return Optional.empty();
      }
    }
  }

  private static Refusal conflict(String detail) {
    return Refusal.conflict(detail);
  }
}
