package dev.baton.worker.handlers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Every {@link TaskHandler} bean of this worker, by task type. */
@ApplicationScoped
public class HandlerRegistry {
  private final Map<String, TaskHandler> byType = new TreeMap<>();

  protected HandlerRegistry() {}

  /** @param settings {@code baton.worker.types} can leave some handlers out (a worker that lacks a type) */
  @Inject
  public HandlerRegistry(@Any Instance<TaskHandler> handlers, dev.baton.worker.config.WorkerSettings settings) {
    for (TaskHandler h : handlers) {
      if (!settings.runs(h.type())) {
        continue;
      }
      TaskHandler previous = byType.put(h.type(), h);
      if (previous != null) {
        throw new IllegalStateException("two handlers for type " + h.type() + ": " + previous + " and " + h);
      }
    }
  }

  public Optional<TaskHandler> forType(String type) {
    return Optional.ofNullable(byType.get(type));
  }

  public List<String> types() {
    return List.copyOf(byType.keySet());
  }

  public List<TaskHandler> all() {
    return List.copyOf(byType.values());
  }
}
