package dev.baton.store;

import dev.baton.cluster.FailureOutcome;
import dev.baton.cluster.Heartbeat;
import dev.baton.cluster.HeartbeatReply;
import dev.baton.cluster.TaskTypeInfo;
import dev.baton.cluster.WorkerRecord;
import dev.baton.cluster.WorkerStatus;
import dev.baton.store.LuaScripts.Script;
import dev.baton.task.DispatchOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Workers' registrations and leases in Redis. */
public class RedisWorkerRegistry {
  private final Redis redis;
  private final RedisKeys keys;

  public RedisWorkerRegistry(Redis redis) {
    this.redis = redis;
    this.keys = redis.keys();
  }

  /**
   * Renews the worker's lease and stores what it tells about itself. The first heartbeat of a new process
   * of a known worker recovers what its previous process left.
   */
  public HeartbeatReply heartbeat(Heartbeat hb, Duration lease, int maxRecoveries) {
    List<String> args =
        new ArrayList<>(
            List.of(
                hb.workerId(),
                hb.incarnation(),
                Long.toString(lease.toMillis()),
                hb.status().name(),
                Integer.toString(maxRecoveries),
                "overload_factor",
                Double.toString(hb.overloadFactor()),
                "slots",
                Integer.toString(hb.slots()),
                "running",
                Integer.toString(hb.running()),
                "host",
                hb.host(),
                "pid",
                Long.toString(hb.pid()),
                "url",
                hb.url(),
                "types",
                String.join(",", hb.types()),
                "queues",
                String.join(",", hb.queues())));
    List<?> r = (List<?>) redis.eval(Script.HEARTBEAT, args);
    return new HeartbeatReply(RedisTaskStore.str(r, 1), RedisTaskStore.str(r, 2));
  }

  /** The name a worker process gives its Redis connections. */
  public static String clientName(String workerId, String incarnation) {
    return "baton-worker." + workerId.replace(' ', '_') + "." + incarnation;
  }

  /**
   * True if some process of this worker still holds a connection to Redis. A process that died has none:
   * the kernel closed its sockets.
   */
  public boolean hasConnections(String workerId) {
    String prefix = "baton-worker." + workerId.replace(' ', '_') + ".";
    return redis.clientNames().stream().anyMatch(n -> n.startsWith(prefix));
  }

  /** The workers some process of which holds Redis connections now (one CLIENT LIST for all). */
  public java.util.Set<String> workersWithConnections() {
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (String name : redis.clientNames()) {
      if (name.startsWith("baton-worker.")) {
        String rest = name.substring("baton-worker.".length());
        int dot = rest.lastIndexOf('.');
        if (dot > 0) {
          ids.add(rest.substring(0, dot));
        }
      }
    }
    return ids;
  }

  /** Workers whose lease has ended and that are not declared FAILED or DOWN yet. */
  public List<String> expiredLeases() {
    return ((List<?>) redis.evalReadOnly(Script.EXPIRED, List.of("1000"))).stream().map(String::valueOf).toList();
  }

  /**
   * Declares a worker FAILED and takes its tasks away: each goes RECOVERING with a new epoch (or DEAD
   * once its workers have died {@code maxRecoveries} times running it).
   *
   * @param onlyIfLeaseExpired do nothing if a heartbeat has renewed the lease meanwhile
   * @param silentSince if not null: do nothing if a heartbeat arrived after this moment
   */
  public FailureOutcome declareFailed(String workerId, String reason, int maxRecoveries, boolean onlyIfLeaseExpired, Instant silentSince) {
    List<?> r =
        (List<?>)
            redis.eval(
                Script.FAIL_WORKER,
                List.of(
                    workerId,
                    reason,
                    Integer.toString(maxRecoveries),
                    onlyIfLeaseExpired ? "1" : "0",
                    silentSince == null ? "0" : "1",
                    silentSince == null ? "0" : Long.toString(silentSince.toEpochMilli())));
    if (!"ok".equals(RedisTaskStore.str(r, 0))) {
      return new FailureOutcome(true, false, List.of());
    }
    List<DispatchOrder> orders = new ArrayList<>();
    for (Object o : (List<?>) r.get(2)) {
      orders.add(RedisTaskStore.order((List<?>) o));
    }
    return new FailureOutcome(false, ((Number) r.get(1)).intValue() == 1, orders);
  }

  /** The worker stops cleanly: its lease ends now. */
  public void leave(String workerId, String incarnation) {
    redis.eval(Script.LEAVE, List.of(workerId, incarnation));
  }

  /** The tasks Redis says this worker owns right now. */
  public java.util.Set<String> ownedTasks(String workerId) {
    return redis.read(c -> c.smembers(keys.workerActive(workerId)));
  }

  /** Publishes the task types a worker runs, so the manager can validate submissions. */
  public void advertise(List<TaskTypeInfo> types) {
    if (types.isEmpty()) {
      return;
    }
    Map<String, String> fields =
        types.stream().collect(Collectors.toMap(TaskTypeInfo::type, TaskTypeInfo::descriptorJson, (a, b) -> b));
    redis.call(c -> c.hset(keys.taskTypes(), fields));
  }

  /** Every task type any worker has advertised, by name. */
  public Map<String, String> taskTypes() {
    return redis.read(c -> c.hgetAll(keys.taskTypes()));
  }

  public List<WorkerRecord> all() {
    List<String> ids = redis.read(c -> c.zrange(keys.workerLeases(), 0, -1));
    List<WorkerRecord> workers = new ArrayList<>();
    for (String id : ids) {
      find(id).ifPresent(workers::add);
    }
    workers.sort((a, b) -> a.id().compareTo(b.id()));
    return workers;
  }

  public Optional<WorkerRecord> find(String workerId) {
    Map<String, String> h = redis.read(c -> c.hgetAll(keys.worker(workerId)));
    if (h.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(toRecord(workerId, h, redis.read(c -> c.smembers(keys.workerActive(workerId)))));
  }

  /** A worker from its hash and the ids of the tasks it owns. */
  static WorkerRecord toRecord(String workerId, Map<String, String> h, java.util.Collection<String> owned) {
    List<String> active = new ArrayList<>(owned);
    active.sort(null);
    double overload = h.containsKey("overload_factor") ? Double.parseDouble(h.get("overload_factor")) : 1.0;
    int slots = parseInt(h.get("slots"));
    int running = parseInt(h.get("running"));
    String types = h.getOrDefault("types", "");
    return new WorkerRecord(
        workerId,
        WorkerStatus.valueOf(h.getOrDefault("status", "UP")),
        slots,
        running,
        slots == 0 ? 0 : running / (double) slots,
        overload,
        h.get("host"),
        h.containsKey("pid") ? Long.parseLong(h.get("pid")) : 0,
        h.get("url"),
        list(types),
        h.get("incarnation"),
        instant(h.get("joined_at")),
        instant(h.get("last_heartbeat")),
        instant(h.get("lease_until")),
        active,
        list(h.get("queues")));
  }

  private static List<String> list(String commaSeparated) {
    return commaSeparated == null || commaSeparated.isEmpty() ? List.of() : Arrays.asList(commaSeparated.split(","));
  }

  private static int parseInt(String v) {
    return v == null || v.isEmpty() ? 0 : Integer.parseInt(v);
  }

  private static Instant instant(String ms) {
    return ms == null || ms.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(ms));
  }
}
