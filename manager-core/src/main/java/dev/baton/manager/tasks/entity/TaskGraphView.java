package dev.baton.manager.tasks.entity;

import dev.baton.task.TaskStatus;
import java.util.List;

/**
 * The tasks around one, as {@code GET /api/tasks/{id}/graph} answers it: its ancestors and descendants
 * with their statuses, and the edges between them (from a parent to the task that depends on it).
 *
 * @param truncated whether more tasks were connected than the answer holds
 */
public record TaskGraphView(String taskId, List<Node> nodes, List<Edge> edges, boolean truncated) {

  public record Node(String id, String type, TaskStatus status, int progress, int parentsLeft) {}

  public record Edge(String from, String to) {}
}
