package dev.baton.manager.cluster.control;

import dev.baton.cluster.ControlCommand;
import dev.baton.cluster.FailureMode;
import dev.baton.cluster.WorkerRecord;
import dev.baton.manager.cluster.entity.CommandSent;
import dev.baton.manager.problems.ProblemException;
import dev.baton.messaging.BrokerUnavailableException;
import dev.baton.messaging.JmsControl;
import dev.baton.store.RedisEventLog;
import dev.baton.store.RedisWorkerRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Simulated failures and overload, sent to a worker over its control queue, and logged as events. */
@ApplicationScoped
public class WorkerCommands {
  @Inject RedisWorkerRegistry registry;
  @Inject RedisEventLog events;
  @Inject JmsControl control;

  public CommandSent fail(String workerId, FailureMode mode) {
    WorkerRecord w = liveWorker(workerId);
    send(w.id(), ControlCommand.fail(mode));
    events.append("worker.fault", w.id(), Map.of("mode", mode.name(), "reason", "simulated " + mode.name().toLowerCase() + " requested"));
    return new CommandSent(w.id(), "fail", mode.name());
  }

  public CommandSent overload(String workerId, double factor, int seconds) {
    WorkerRecord w = liveWorker(workerId);
    send(w.id(), ControlCommand.overload(factor, seconds));
    return new CommandSent(w.id(), "overload", "x" + factor + " for " + seconds + " s");
  }

  /** Undoes hang, partition and overload (a hung worker still listens for this). */
  public CommandSent recover(String workerId) {
    WorkerRecord w = registry.find(workerId).orElseThrow(() -> ProblemException.notFound("no worker with id " + workerId));
    send(w.id(), ControlCommand.recover());
    events.append("worker.recover", w.id(), Map.of("reason", "recovery from simulated failures requested"));
    return new CommandSent(w.id(), "recover", "hang, partition and overload undone");
  }

  private WorkerRecord liveWorker(String workerId) {
    WorkerRecord w = registry.find(workerId).orElseThrow(() -> ProblemException.notFound("no worker with id " + workerId));
    if (!LiveWorkers.isAlive(w, Instant.now())) {
      throw new ProblemException(409, "urn:baton:problem:conflict", "Conflict", "worker " + workerId + " is not alive (" + w.status() + ")", List.of());
    }
    return w;
  }

  private void send(String workerId, ControlCommand command) {
    try {
      control.send(workerId, command);
    } catch (BrokerUnavailableException e) {
      throw new ProblemException(503, "urn:baton:problem:broker-unavailable", "Service unavailable",
          "the broker is unavailable; the command was not sent", List.of());
    }
  }
}
