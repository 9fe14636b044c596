package dev.baton.demo;

import dev.baton.client.BatonClient;
import dev.baton.client.Event;
import dev.baton.client.EventStream;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The test's own count of completions per task, from the live event stream (SSE) followed by Baton's client,
 * kept independently of the tasks' histories in Redis. The client reconnects with Last-Event-ID when the
 * manager goes away; each event id counts once (the stream may repeat an event around a reconnect; it never
 * invents one).
 */
final class CompletionCounter implements AutoCloseable {
  private final Map<String, Integer> completions = new ConcurrentHashMap<>();
  private final Set<String> seen = ConcurrentHashMap.newKeySet();
  private final EventStream stream;

  CompletionCounter(BatonClient manager) {
    stream = manager.follow(null, this::count);
  }

  private void count(Event e) {
    if (e.type().equals("task.completed") && seen.add(e.id())) {
      completions.merge(e.taskId(), 1, Integer::sum);
    }
  }

  int completions(String taskId) {
    return completions.getOrDefault(taskId, 0);
  }

  @Override
  public void close() {
    stream.close();
  }
}
