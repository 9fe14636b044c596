package dev.baton.worker.lifecycle;

import dev.baton.cluster.Heartbeat;
import dev.baton.cluster.HeartbeatReply;
import dev.baton.cluster.TaskTypeInfo;
import dev.baton.cluster.WorkerStatus;
import dev.baton.concurrent.Loop;
import dev.baton.logging.Structured;
import dev.baton.store.RedisTaskStore;
import dev.baton.store.RedisWorkerRegistry;
import dev.baton.store.StoreUnavailableException;
import dev.baton.task.Move;
import dev.baton.task.TaskStatus;
import dev.baton.task.WriteResult;
import dev.baton.worker.config.WorkerSettings;
import dev.baton.worker.control.WorkerState;
import dev.baton.worker.handlers.HandlerRegistry;
import dev.baton.worker.slots.SlotPool;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Renews this worker's lease in Redis every heartbeat interval and tells the cluster its load. After a
 * Redis outage (and at the first beat) it also advertises its task types again.
 */
@ApplicationScoped
public class Heartbeats {
  private static final Logger LOG = Logger.getLogger(Heartbeats.class.getName());

  @Resource ManagedThreadFactory threadFactory;
  @Inject WorkerSettings settings;
  @Inject RedisWorkerRegistry registry;
  @Inject HandlerRegistry handlers;
  @Inject SlotPool slots;
  @Inject WorkerState state;
  @Inject RedisTaskStore tasks;

  private final Loop loop = new Loop();
  private final String host = hostName();
  private final long pid = ProcessHandle.current().pid();
  private volatile boolean advertised;
  private volatile Instant lastSuccess;
  /** Owned in Redis, not running here: since when. Only the heartbeat thread touches it. */
  private final Map<String, Instant> orphans = new HashMap<>();
  static final Duration ORPHAN_GRACE = Duration.ofSeconds(3);
  /** How long a cancelled task's handler may take to reach a step boundary before its thread is interrupted. */
  static final Duration CANCEL_GRACE = Duration.ofSeconds(3);

  public void start() {
    loop.start(threadFactory, "baton-heartbeat", this::run);
  }

  /** When the last heartbeat reached Redis, or null if none did yet. */
  public Instant lastSuccess() {
    return lastSuccess;
  }

  public void stop() {
    loop.stop(Duration.ofSeconds(2));
  }

  /** Overloaded, recovered, cut off: the manager's balancer and detector act on the next beat, so beat now. */
  void beatSoon(@Observes WorkerState.Changed change) {
    loop.nudge();
  }

  /** One heartbeat now; the worker's first, before its slots take work. */
  public void beat() {
    if (!advertised) {
      registry.advertise(handlers.all().stream().map(h -> new TaskTypeInfo(h.type(), h.descriptor().toJson())).toList());
      advertised = true;
    }
    double overload = state.overloadFactor();
    HeartbeatReply reply =
        registry.heartbeat(
            new Heartbeat(
                settings.workerId(),
                settings.incarnation(),
                overload > 1.0 ? WorkerStatus.OVERLOADED : WorkerStatus.UP,
                overload,
                settings.slots(),
                slots.busy(),
                host,
                pid,
                settings.publicUrl(),
                handlers.types(),
                settings.queues().stream().sorted().toList()),
            settings.lease(),
            settings.maxRecoveries());
    lastSuccess = Instant.now();
    if (reply.wasDeclaredFailed(settings.incarnation())) {
      Structured.log(LOG, Level.WARNING, "worker.declared_failed", null, settings.workerId(), null, () -> "this worker was declared failed (no heartbeat in time); its tasks went to others; stopping them here and rejoining");
      slots.abandonAll("fenced: " + settings.workerId() + " was declared failed and its tasks were recovered elsewhere");
    }
    handBackOrphans();
  }

  /**
   * A task Redis says this worker owns but that no slot runs (the answer to its claim was lost on the
   * way back, so the slot gave the message up) would wait forever: this worker is alive, so the failure
   * detector never takes it. After {@link #ORPHAN_GRACE} of that, hand it back for any worker.
   */
  private void handBackOrphans() {
    Set<String> owned = registry.ownedTasks(settings.workerId());
    Set<String> runningHere = new HashSet<>(slots.runningTaskIds());
    Instant now = Instant.now();
    orphans.keySet().retainAll(owned);
    for (String id : owned) {
      if (runningHere.contains(id)) {
        orphans.remove(id);
      } else if (orphans.putIfAbsent(id, now) != null && orphans.get(id).plus(ORPHAN_GRACE).isBefore(now)) {
        orphans.remove(id);
        WriteResult r =
            tasks.move(
                new Move(
                    id,
                    TaskStatus.RECOVERING,
                    Set.of(TaskStatus.ASSIGNED, TaskStatus.RUNNING),
                    null,
                    true,
                    settings.workerId() + " owns it but does not run it (the answer to its claim was lost)",
                    settings.workerId(),
                    Duration.ZERO));
        Structured.log(LOG, Level.WARNING, "task.orphan_handed_back", id, settings.workerId(), null, () -> "handed back orphaned task " + id + ": " + r.detail());
      }
    }
  }

  private void run() {
    while (!loop.isStopping()) {
      slots.enforceStops(CANCEL_GRACE);
      try {
        if (state.sendsHeartbeats()) {
          beat();
        }
      } catch (StoreUnavailableException e) {
        if (advertised) {
          LOG.warning(() -> "heartbeat failed, Redis is unavailable: " + e.getMessage());
        }
        advertised = false;
      } catch (RuntimeException e) {
        LOG.warning(() -> "heartbeat failed: " + e);
      }
      loop.pause(settings.heartbeat().toMillis());
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      return ManagementFactory.getRuntimeMXBean().getName();
    }
  }
}
