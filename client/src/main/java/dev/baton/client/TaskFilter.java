package dev.baton.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which tasks a listing answers: {@code TaskFilter.all().status(TaskStatus.FAILED, TaskStatus.DEAD).queue("gpu").limit(100)}.
 * Immutable; every method answers a new filter.
 */
public record TaskFilter(
    Set<TaskStatus> statuses, String type, String worker, String queue, String search, String sort, boolean ascending, int offset, int limit) {

  /** Every task, newest first, 50 a page. */
  public static TaskFilter all() {
    return new TaskFilter(Set.of(), null, null, null, null, "created", false, 0, 50);
  }

  public TaskFilter status(TaskStatus first, TaskStatus... more) {
    return new TaskFilter(EnumSet.of(first, more), type, worker, queue, search, sort, ascending, offset, limit);
  }

  public TaskFilter type(String type) {
    return new TaskFilter(statuses, type, worker, queue, search, sort, ascending, offset, limit);
  }

  /** Tasks this worker runs or ran last. */
  public TaskFilter worker(String worker) {
    return new TaskFilter(statuses, type, worker, queue, search, sort, ascending, offset, limit);
  }

  public TaskFilter queue(String queue) {
    return new TaskFilter(statuses, type, worker, queue, search, sort, ascending, offset, limit);
  }

  /** The start of a task id, or words of its label (each word starts a word of it). */
  public TaskFilter search(String q) {
    return new TaskFilter(statuses, type, worker, queue, q, sort, ascending, offset, limit);
  }

  /** By {@code created} (default), {@code priority} (dispatch order) or {@code progress}. */
  public TaskFilter sortBy(String sort, boolean ascending) {
    return new TaskFilter(statuses, type, worker, queue, search, sort, ascending, offset, limit);
  }

  public TaskFilter page(int offset, int limit) {
    return new TaskFilter(statuses, type, worker, queue, search, sort, ascending, offset, limit);
  }

  public TaskFilter limit(int limit) {
    return page(offset, limit);
  }

  /** The query string, without the '?'. */
  String query() {
    Map<String, String> q = new LinkedHashMap<>();
    if (!statuses.isEmpty()) {
      q.put("status", statuses.stream().map(Enum::name).collect(Collectors.joining(",")));
    }
    q.put("type", type);
    q.put("worker", worker);
    q.put("queue", queue);
    q.put("q", search);
    q.put("sort", sort);
    q.put("order", ascending ? "asc" : "desc");
    q.put("offset", Integer.toString(offset));
    q.put("limit", Integer.toString(limit));
    return q.entrySet().stream()
        .filter(e -> e.getValue() != null)
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
