package dev.baton.manager.tasks.control;

import dev.baton.manager.refusal.Refusal;
import dev.baton.manager.tasks.entity.TaskGraphView;
import dev.baton.store.RedisTaskStore;
import dev.baton.task.TaskRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The graph around a task: walked up through {@code depends_on} and down through the dependents, bounded. */
@ApplicationScoped
public class TaskGraph {
  /** The most tasks one answer holds. */
  public static final int MAX_NODES = 500;

  @Inject RedisTaskStore store;

  /** Every task connected to this one, up to {@link #MAX_NODES}. @throws Refusal NOT_FOUND for an unknown task */
  public TaskGraphView around(String id) {
    return around(id, Integer.MAX_VALUE);
  }

  /** Its parents and the tasks that depend on it (what the console's task page shows). */
  public TaskGraphView neighbours(String id) {
    return around(id, 1);
  }

  private TaskGraphView around(String id, int depth) {
    TaskRecord start = store.find(id).orElseThrow(() -> Refusal.notFound("no task with id " + id));
    Map<String, TaskRecord> nodes = new LinkedHashMap<>();
    Set<TaskGraphView.Edge> edges = new LinkedHashSet<>();
    Map<String, Integer> distance = new java.util.HashMap<>();
    Deque<TaskRecord> todo = new ArrayDeque<>();
    nodes.put(id, start);
    distance.put(id, 0);
    todo.add(start);
    boolean truncated = false;
    while (!todo.isEmpty()) {
      TaskRecord t = todo.poll();
      int d = distance.get(t.id());
      if (d >= depth) {
        continue;
      }
      List<String> neighbours = new ArrayList<>(t.dependencies().dependsOn());
      Set<String> children = new TreeSet<>(store.dependentsOf(t.id()));
      neighbours.addAll(children);
      for (String p : t.dependencies().dependsOn()) {
        edges.add(new TaskGraphView.Edge(p, t.id()));
      }
      for (String c : children) {
        edges.add(new TaskGraphView.Edge(t.id(), c));
      }
      for (String n : neighbours) {
        if (nodes.containsKey(n)) {
          continue;
        }
        if (nodes.size() >= MAX_NODES) {
          truncated = true;
          continue;
        }
        store.find(n).ifPresent(r -> {
          nodes.put(n, r);
          distance.put(n, d + 1);
          todo.add(r);
        });
      }
    }
    List<TaskGraphView.Node> shown =
        nodes.values().stream()
            .map(r -> new TaskGraphView.Node(r.id(), r.type(), r.status(), r.progress(), r.dependencies().parentsLeft()))
            .toList();
    List<TaskGraphView.Edge> kept = edges.stream().filter(e -> nodes.containsKey(e.from()) && nodes.containsKey(e.to())).toList();
    return new TaskGraphView(id, shown, kept, truncated);
  }
}
