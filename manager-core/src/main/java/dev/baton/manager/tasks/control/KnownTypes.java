package dev.baton.manager.tasks.control;

import dev.baton.store.RedisWorkerRegistry;
import dev.baton.task.TaskTypeDescriptor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.TreeMap;

/**
 * The task types workers have advertised, read from Redis at most every {@value #REFRESH_MS} ms: the
 * manager knows no types of its own, so adding a type is adding a handler class to the workers.
 */
@ApplicationScoped
public class KnownTypes {
  static final long REFRESH_MS = 2_000;

  @Inject RedisWorkerRegistry registry;

  private volatile Map<String, TaskTypeDescriptor> types = Map.of();
  private volatile long readAt;

  public Map<String, TaskTypeDescriptor> all() {
    long now = System.currentTimeMillis();
    if (now - readAt > REFRESH_MS) {
      Map<String, TaskTypeDescriptor> fresh = new TreeMap<>();
      registry.taskTypes().forEach((name, json) -> fresh.put(name, TaskTypeDescriptor.fromJson(json)));
      types = fresh;
      readAt = now;
    }
    return types;
  }
}
