package dev.baton.manager.workers.control;

import dev.baton.cluster.WorkerRecord;
import dev.baton.manager.refusal.Refusal;
import dev.baton.store.RedisWorkerRegistry;
import dev.baton.task.TaskTypeDescriptor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads workers for the REST API and the console alike. */
@ApplicationScoped
public class WorkerLookup {
  @Inject RedisWorkerRegistry registry;

  /** Every worker the cluster has seen, by id. */
  public List<WorkerRecord> all() {
    return registry.all();
  }

  public WorkerRecord get(String id) {
    return registry.find(id).orElseThrow(() -> Refusal.notFound("no worker with id " + id));
  }

  /** Every task type a worker advertised, by name (fresh from Redis, for forms). */
  public Map<String, TaskTypeDescriptor> taskTypes() {
    Map<String, TaskTypeDescriptor> types = new TreeMap<>();
    registry.taskTypes().forEach((name, json) -> types.put(name, TaskTypeDescriptor.fromJson(json)));
    return types;
  }

  /** The workers some process of which holds Redis connections: alive, even if silent. */
  public java.util.Set<String> withProcess() {
    return registry.workersWithConnections();
  }
}
