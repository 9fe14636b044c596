package dev.baton.manager.tasks.control;

import dev.baton.task.Violation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The graph a batch describes with {@code ref} and {@code depends_on}: refs must be unique and the graph
 * acyclic (else the batch is refused whole), and its tasks are created parents first.
 */
final class TaskGraphs {
  private TaskGraphs() {}

  /** Duplicate refs and cycles among the batch's tasks, each named at the task where it shows. */
  static List<Violation> checkRefs(List<TaskSpec> specs) {
    List<Violation> violations = new ArrayList<>();
    Map<String, Integer> byRef = new HashMap<>();
    for (int i = 0; i < specs.size(); i++) {
      String ref = specs.get(i).ref();
      if (ref != null && byRef.putIfAbsent(ref, i) != null) {
        violations.add(new Violation(specs.get(i).at() + "ref", "'" + ref + "' names " + specs.get(byRef.get(ref)).at() + " already"));
      }
    }
    if (!violations.isEmpty()) {
      return violations;
    }
    List<List<Integer>> parents = parentsInBatch(specs, byRef);
    int[] state = new int[specs.size()]; // 0 unseen, 1 on the current path, 2 done
    for (int start = 0; start < specs.size(); start++) {
      List<Integer> cycle = cycleFrom(start, parents, state, new ArrayList<>());
      if (cycle != null) {
        List<String> names = cycle.stream().map(i -> specs.get(i).ref()).toList();
        violations.add(new Violation(specs.get(cycle.get(0)).at() + "depends_on", "forms a cycle (each depends on the next): " + String.join(" -> ", names)));
        return violations;
      }
    }
    return violations;
  }

  /** The indexes of the tasks, each after every parent it has in the batch (otherwise in the given order). */
  static List<Integer> parentsFirst(List<TaskSpec> specs) {
    Map<String, Integer> byRef = new HashMap<>();
    for (int i = 0; i < specs.size(); i++) {
      if (specs.get(i).ref() != null) {
        byRef.put(specs.get(i).ref(), i);
      }
    }
    List<List<Integer>> parents = parentsInBatch(specs, byRef);
    List<List<Integer>> children = new ArrayList<>();
    int[] waiting = new int[specs.size()];
    for (int i = 0; i < specs.size(); i++) {
      children.add(new ArrayList<>());
    }
    for (int i = 0; i < specs.size(); i++) {
      waiting[i] = parents.get(i).size();
      for (int p : parents.get(i)) {
        children.get(p).add(i);
      }
    }
    Deque<Integer> ready = new ArrayDeque<>();
    for (int i = 0; i < specs.size(); i++) {
      if (waiting[i] == 0) {
        ready.add(i);
      }
    }
    List<Integer> order = new ArrayList<>(specs.size());
    while (!ready.isEmpty()) {
      int i = ready.poll();
      order.add(i);
      for (int c : children.get(i)) {
        if (--waiting[c] == 0) {
          ready.add(c);
        }
      }
    }
    if (order.size() != specs.size()) {
      throw new IllegalStateException("a cycle passed checkRefs");
    }
    return order;
  }

  private static List<List<Integer>> parentsInBatch(List<TaskSpec> specs, Map<String, Integer> byRef) {
    List<List<Integer>> parents = new ArrayList<>(specs.size());
    for (TaskSpec s : specs) {
      List<Integer> p = new ArrayList<>();
      for (String d : s.dependsOn()) {
        Integer i = byRef.get(d);
        if (i != null) {
          p.add(i);
        }
      }
      parents.add(p);
    }
    return parents;
  }

  /** A cycle through the path from {@code node}, as the indexes along it (first repeated at the end), or null. */
  private static List<Integer> cycleFrom(int node, List<List<Integer>> parents, int[] state, List<Integer> path) {
    if (state[node] == 2) {
      return null;
    }
    if (state[node] == 1) {
      List<Integer> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
      cycle.add(node);
      return cycle;
    }
    state[node] = 1;
    path.add(node);
    for (int p : parents.get(node)) {
      List<Integer> cycle = cycleFrom(p, parents, state, path);
      if (cycle != null) {
        return cycle;
      }
    }
    path.remove(path.size() - 1);
    state[node] = 2;
    return null;
  }
}
