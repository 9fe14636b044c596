package dev.baton.manager.cluster.control;

import dev.baton.cluster.ControlCommand;
import dev.baton.cluster.FailureMode;
import dev.baton.cluster.WorkerRecord;
import dev.baton.manager.cluster.entity.CommandSent;
import dev.baton.manager.refusal.Refusal;
import dev.baton.messaging.BrokerUnavailableException;
import dev.baton.messaging.JmsControl;
import dev.baton.store.RedisEventLog;
import dev.baton.store.RedisWorkerRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;

/** Simulated failures and overload, sent to a worker over its control queue, and logged as events. */
@ApplicationScoped
public class WorkerCommands {
  @Inject RedisWorkerRegistry registry;
  @Inject RedisEventLog events;
  @Inject JmsControl control;
  @Inject WorkerLauncher launcher;

  private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(WorkerCommands.class.getName());

  /**
   * A partition is a real one where the launcher can cut the worker's links (demo.sh as root: nftables, ADR 0062) -
   * the worker is not told; elsewhere the worker simulates it (silences its heartbeats).
   *
   * @param actor who asks (recorded in the event log)
   */
  public CommandSent fail(String workerId, FailureMode mode, String actor) {
    WorkerRecord w = liveWorker(workerId);
    if (mode == FailureMode.PARTITION && launcher.canStart(w.id())) {
      try {
        launcher.partition(w.id());
        events.append("worker.fault", w.id(), Map.of("mode", mode.name(), "how", "network", "actor", actor,
            "reason", "network partition (every packet between it and the cluster dropped) requested by " + actor));
        return new CommandSent(w.id(), "fail", mode.name() + " (network: its links cut, it keeps running)");
      } catch (Refusal cannot) {
        LOG.info(() -> "no network partition of " + w.id() + " (" + cannot.getMessage() + "); simulating it");
      }
    }
    send(w.id(), ControlCommand.fail(mode));
    events.append(
        "worker.fault",
        w.id(),
        Map.of("mode", mode.name(), "how", "simulated", "actor", actor, "reason", "simulated " + mode.name().toLowerCase() + " requested by " + actor));
    return new CommandSent(w.id(), "fail", mode.name());
  }

  public CommandSent overload(String workerId, double factor, int seconds) {
    WorkerRecord w = liveWorker(workerId);
    send(w.id(), ControlCommand.overload(factor, seconds));
    return new CommandSent(w.id(), "overload", "x" + factor + " for " + seconds + " s");
  }

  /** Undoes hang, partition and overload (a hung worker still listens for this). */
  public CommandSent recover(String workerId, String actor) {
    WorkerRecord w = registry.find(workerId).orElseThrow(() -> Refusal.notFound("no worker with id " + workerId));
    if (launcher.canStart(w.id())) {
      try {
        launcher.heal(w.id()); // its links back, if the launcher cut them
      } catch (Refusal cannot) {
        LOG.info(() -> "no links of " + w.id() + " healed: " + cannot.getMessage());
      }
    }
    send(w.id(), ControlCommand.recover());
    events.append(
        "worker.recover", w.id(), Map.of("actor", actor, "reason", "recovery from simulated failures requested by " + actor));
    return new CommandSent(w.id(), "recover", "hang, partition and overload undone");
  }

  private WorkerRecord liveWorker(String workerId) {
    WorkerRecord w = registry.find(workerId).orElseThrow(() -> Refusal.notFound("no worker with id " + workerId));
    if (!LiveWorkers.isAlive(w, Instant.now())) {
      throw Refusal.conflict("worker " + workerId + " is not alive (" + w.status() + ")");
    }
    return w;
  }

  private void send(String workerId, ControlCommand command) {
    try {
      control.send(workerId, command);
    } catch (BrokerUnavailableException e) {
      throw Refusal.brokerUnavailable("the broker is unavailable; the command was not sent");
    }
  }
}
