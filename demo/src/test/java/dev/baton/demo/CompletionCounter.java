package dev.baton.demo;

import dev.baton.json.Jsonp;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The test's own count of completions per task, from the live event stream (SSE), kept independently of
 * the tasks' histories in Redis. It reconnects with Last-Event-ID when the manager goes away, and counts
 * each event id once (the stream may repeat an event around a reconnect; it never invents one).
 */
final class CompletionCounter implements AutoCloseable {
  private final URI stream;
  private final Map<String, Integer> completions = new ConcurrentHashMap<>();
  private final Set<String> seen = ConcurrentHashMap.newKeySet();
  private final Thread thread;
  private volatile boolean closed;
  private volatile String lastId;
  private volatile InputStream current;

  CompletionCounter(URI manager) {
    this.stream = manager.resolve("/api/system/events/stream");
    thread = new Thread(this::follow, "completion-counter");
    thread.setDaemon(true);
    thread.start();
  }

  int completions(String taskId) {
    return completions.getOrDefault(taskId, 0);
  }

  private void follow() {
    HttpClient client = ApiHttp.CLIENT;
    while (!closed) {
      try {
        HttpRequest.Builder request = HttpRequest.newBuilder(stream).GET();
        if (lastId != null) {
          request.header("Last-Event-ID", lastId);
        }
        HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        current = response.body();
        read(new BufferedReader(new InputStreamReader(current, StandardCharsets.UTF_8)));
      } catch (IOException e) {
        // the manager is away: try again shortly, from the last event seen
      } catch (InterruptedException e) {
        return;
      }
      try {
        Thread.sleep(300); // reconnect pace while the manager is down
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void read(BufferedReader in) throws IOException {
    String id = null;
    String event = null;
    for (String line; (line = in.readLine()) != null && !closed; ) {
      if (line.startsWith("id:")) {
        id = line.substring(3).trim();
      } else if (line.startsWith("event:")) {
        event = line.substring(6).trim();
      } else if (line.startsWith("data:") && "task.completed".equals(event) && id != null && seen.add(id)) {
        JsonObject data = Jsonp.parseObject(line.substring(5).trim());
        completions.merge(data.getString("task_id"), 1, Integer::sum);
      } else if (line.isEmpty()) {
        if (id != null) {
          lastId = id;
        }
        id = null;
        event = null;
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      if (current != null) {
        current.close();
      }
    } catch (IOException e) {
      // closing anyway
    }
    thread.interrupt();
  }
}
