package dev.baton.manager.tasks.control;

import dev.baton.event.BatonEvent;
import dev.baton.manager.operations.Actor;
import dev.baton.store.RedisTaskStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whose task an event is about, so that a viewer's or operator's event log and stream carry only their own tasks'
 * events (and the workers' and the system's, which are nobody's). A task's owner never changes, so it is remembered.
 */
@ApplicationScoped
public class TaskOwners {
  private static final int REMEMBERED = 100_000;
  /** The owner of a task that has none (made by the manager itself, or before owners existed). */
  private static final String NOBODY = "";

  @Inject RedisTaskStore store;

  private final ConcurrentHashMap<String, String> owners = new ConcurrentHashMap<>();

  /** Whether the actor may see this event. */
  public boolean visible(BatonEvent e, Actor actor) {
    if (actor.seesAll() || e.taskId() == null) {
      return true;
    }
    return actor.user() != null && actor.user().equals(ownerOf(e.taskId()));
  }

  /** The user who submitted the task; "" if nobody did or it is gone. */
  public String ownerOf(String taskId) {
    String known = owners.get(taskId);
    if (known != null) {
      return known;
    }
    String stored = store.ownerOf(taskId);
    String owner = stored == null ? NOBODY : stored;
    if (owners.size() >= REMEMBERED) {
      owners.clear();
    }
    owners.put(taskId, owner);
    return owner;
  }
}
