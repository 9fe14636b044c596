package dev.baton.manager.tasks.control;

import dev.baton.manager.config.ManagerSettings;
import dev.baton.manager.tasks.entity.TaskView;
import dev.baton.store.RedisTaskStore;
import dev.baton.task.DispatchOrder;
import dev.baton.task.NewTask;
import dev.baton.task.TaskStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Accepts tasks: Redis first (all or nothing), then the broker through the dispatcher. A delayed task waits
 * SCHEDULED in Redis; the timekeeper queues it when it is due.
 */
@ApplicationScoped
public class TaskSubmission {
  @Inject RedisTaskStore store;
  @Inject Dispatcher dispatcher;
  @Inject ManagerSettings settings;

  /** The task a request asks for, with a new id: SCHEDULED if it is due later, else CREATED. */
  public static NewTask newTask(TaskSpec s, Instant now) {
    // a run_at already past runs now, as Celery does with an eta in the past
    boolean later = s.runAt() != null && s.runAt().isAfter(now);
    return new NewTask(
        UUID.randomUUID().toString(), s.type(), later ? TaskStatus.SCHEDULED : TaskStatus.CREATED, s.priority(), s.dataJson(),
        s.checkpointIntervalS(), later ? s.runAt() : null, s.retry(), s.limits());
  }

  /** @return the tasks as stored, in the order given */
  public List<TaskView> submit(List<TaskSpec> specs) {
    List<NewTask> tasks = new ArrayList<>(specs.size());
    Instant now = Instant.now();
    for (TaskSpec s : specs) {
      tasks.add(newTask(s, now));
    }
    Instant createdAt = store.create(tasks, settings.dispatchTimeout());
    dispatcher.enqueue(
        tasks.stream()
            .filter(t -> t.status() == TaskStatus.CREATED)
            .map(t -> new DispatchOrder(t.id(), 0, t.type(), t.priority(), null, 0))
            .toList());
    List<TaskView> views = new ArrayList<>(tasks.size());
    for (int i = 0; i < tasks.size(); i++) {
      views.add(TaskView.created(tasks.get(i), specs.get(i).data(), createdAt));
    }
    return views;
  }
}
