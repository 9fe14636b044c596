package dev.baton.manager.tasks.control;

import dev.baton.manager.refusal.Refusal;
import dev.baton.manager.tasks.entity.TaskView;
import dev.baton.store.RedisTaskStore;
import dev.baton.task.Page;
import dev.baton.task.TaskQuery;
import dev.baton.task.TaskRecord;
import dev.baton.task.Transition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/** Reads tasks for the REST API and the console alike: listings, one task, its history. */
@ApplicationScoped
public class TaskLookup {
  @Inject RedisTaskStore store;

  public Page<TaskRecord> page(TaskQuery query) {
    return store.list(query);
  }

  public Optional<TaskRecord> find(String id) {
    return store.find(id);
  }

  public List<Transition> history(String id) {
    return store.history(id);
  }

  /** How many tasks there are in each status (every status, zero included). */
  public java.util.Map<dev.baton.task.TaskStatus, Long> counts() {
    java.util.Map<dev.baton.task.TaskStatus, Long> counts = new java.util.EnumMap<>(dev.baton.task.TaskStatus.class);
    for (dev.baton.task.TaskStatus s : dev.baton.task.TaskStatus.values()) {
      counts.put(s, 0L);
    }
    counts.putAll(store.stats(1).byStatus());
    return counts;
  }

  /** One task with its history, as the API shows it. */
  public TaskView detail(String id) {
    TaskRecord task = store.find(id).orElseThrow(() -> Refusal.notFound("no task with id " + id));
    return TaskView.of(task, store.history(id));
  }
}
