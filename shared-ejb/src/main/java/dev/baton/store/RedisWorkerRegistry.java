package dev.baton.store;

import dev.baton.store.LuaScripts.Script;
import dev.baton.cluster.Heartbeat;
import dev.baton.cluster.TaskTypeInfo;
import dev.baton.cluster.WorkerRecord;
import dev.baton.cluster.WorkerStatus;
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
   * Renews the worker's lease and stores what it tells about itself.
   *
   * @return the status the registry had for this worker before (empty if it was unknown)
   */
  public String heartbeat(Heartbeat hb, Duration lease) {
    List<String> args =
        new ArrayList<>(
            List.of(
                hb.workerId(),
                hb.incarnation(),
                Long.toString(lease.toMillis()),
                "status",
                hb.status().name(),
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
                String.join(",", hb.types())));
    List<?> r = (List<?>) redis.eval(Script.HEARTBEAT, args);
    return RedisTaskStore.str(r, 1);
  }

  /** The worker stops cleanly: its lease ends now. */
  public void leave(String workerId, String incarnation) {
    redis.eval(Script.LEAVE, List.of(workerId, incarnation));
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
    List<String> active = new ArrayList<>(redis.read(c -> c.smembers(keys.workerActive(workerId))));
    active.sort(null);
    int slots = parseInt(h.get("slots"));
    int running = parseInt(h.get("running"));
    String types = h.getOrDefault("types", "");
    return Optional.of(
        new WorkerRecord(
            workerId,
            WorkerStatus.valueOf(h.getOrDefault("status", "UP")),
            slots,
            running,
            slots == 0 ? 0 : running / (double) slots,
            h.get("host"),
            h.containsKey("pid") ? Long.parseLong(h.get("pid")) : 0,
            h.get("url"),
            types.isEmpty() ? List.of() : Arrays.asList(types.split(",")),
            h.get("incarnation"),
            instant(h.get("joined_at")),
            instant(h.get("last_heartbeat")),
            instant(h.get("lease_until")),
            active));
  }

  private static int parseInt(String v) {
    return v == null || v.isEmpty() ? 0 : Integer.parseInt(v);
  }

  private static Instant instant(String ms) {
    return ms == null || ms.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(ms));
  }
}
