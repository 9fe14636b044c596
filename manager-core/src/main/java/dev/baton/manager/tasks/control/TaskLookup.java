package dev.baton.manager.tasks.control;

import dev.baton.manager.operations.Actor;
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
import java.util.Set;

/**
 * Reads tasks for the REST API and the console alike: listings, one task, its history. What a person reads goes
 * through the methods that take their {@link Actor}: a viewer or operator sees their own tasks only, an admin all
 * (another's task is "not found", as if it did not exist). The others are the manager's own reads.
 */
@ApplicationScoped
public class TaskLookup {
  @Inject RedisTaskStore store;

  public Page<TaskRecord> page(TaskQuery query) {
    return store.list(query);
  }

  /** A listing of what the actor may see. */
  public Page<TaskRecord> page(TaskQuery query, Actor actor) {
    return store.list(visibleTo(query, actor));
  }

  /** The query, narrowed to the actor's own tasks unless they see all. */
  public static TaskQuery visibleTo(TaskQuery query, Actor actor) {
    return actor.seesAll() ? query : query.ownedBy(actor.user() == null ? "" : actor.user());
  }

  public Optional<TaskRecord> find(String id) {
    return store.find(id);
  }

  /** The task if the actor may see it. */
  public Optional<TaskRecord> find(String id, Actor actor) {
    return store.find(id).filter(t -> visible(t, actor));
  }

  /** The task the actor acts on, or 404 if there is none they may see (the same answer: another's task is not told). */
  public TaskRecord mine(String id, Actor actor) {
    return find(id, actor).orElseThrow(() -> Refusal.notFound("no task with id " + id));
  }

  public static boolean visible(TaskRecord t, Actor actor) {
    return actor.seesAll() || (actor.user() != null && actor.user().equals(t.owner()));
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

  /** How many of the actor's tasks there are in each status (an admin: all tasks). */
  public java.util.Map<dev.baton.task.TaskStatus, Long> counts(Actor actor) {
    if (actor.seesAll()) {
      return counts();
    }
    java.util.Map<dev.baton.task.TaskStatus, Long> counts = new java.util.EnumMap<>(dev.baton.task.TaskStatus.class);
    for (dev.baton.task.TaskStatus s : dev.baton.task.TaskStatus.values()) {
      counts.put(s, page(new TaskQuery(Set.of(s), null, null, 0, 1), actor).total());
    }
    return counts;
  }

  /** One task with its history, as the API shows it, if the actor may see it. */
  public TaskView detail(String id, Actor actor) {
    TaskRecord task = mine(id, actor);
    return TaskView.of(task, store.history(id));
  }
}
