package dev.baton.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A subscription to the live event stream (Server-Sent Events), read on a daemon thread of its own and handed
 * to the listener in order. A dropped connection is opened again with {@code Last-Event-ID}, after a pause that
 * grows to 5 s while the manager stays away. {@link #close()} ends it.
 */
public final class EventStream implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(EventStream.class.getName());
  private static final String PATH = "/api/system/events/stream";

  private final BatonClient client;
  private final Consumer<Event> listener;
  private final Thread reader;
  private volatile boolean closed;
  private volatile InputStream open;
  private volatile String lastEventId;
  private volatile boolean connected;

  EventStream(BatonClient client, String lastEventId, Consumer<Event> listener) {
    this.client = client;
    this.listener = listener;
    this.lastEventId = lastEventId;
    this.reader = new Thread(this::run, "baton-events");
    reader.setDaemon(true);
    reader.start();
  }

  /** The id of the last event handed to the listener (null before the first). */
  public String lastEventId() {
    return lastEventId;
  }

  /** The stream is open now (it opens again by itself after a drop). */
  public boolean isConnected() {
    return connected;
  }

  private void run() {
    long pause = 100;
    while (!closed) {
      try {
        HttpResponse<InputStream> r = client.openStream(PATH, lastEventId);
        if (r.statusCode() != 200) {
          r.body().close();
          throw new IOException("the event stream answered " + r.statusCode());
        }
        open = r.body();
        connected = true;
        pause = 100;
        read(r.body());
      } catch (IOException | BatonException e) {
        if (!closed) {
          LOG.log(Level.FINE, "event stream dropped, opening it again", e);
        }
      } finally {
        connected = false;
      }
      if (!closed) {
        try {
          Thread.sleep(pause); // the manager is away: try again, less often the longer it stays away
        } catch (InterruptedException e) {
          return;
        }
        pause = Math.min(Duration.ofSeconds(5).toMillis(), pause * 2);
      }
    }
  }

  /** The SSE format: id/event/data lines, an event ends at an empty line; comments (":") are keep-alives. */
  private void read(InputStream body) throws IOException {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      StringBuilder data = new StringBuilder();
      String id = null;
      for (String line; (line = in.readLine()) != null && !closed; ) {
        if (line.isEmpty()) {
          if (data.length() > 0) {
            Event e = Event.of(Json.object(data.toString()));
            lastEventId = id != null ? id : e.id();
            try {
              listener.accept(e);
            } catch (RuntimeException failed) { // the listener's own failure must not end the stream
              LOG.log(Level.WARNING, "the event listener failed on " + e.id(), failed);
            }
          }
          data.setLength(0);
          id = null;
        } else if (line.startsWith("data:")) {
          data.append(data.length() > 0 ? "\n" : "").append(field(line, 5));
        } else if (line.startsWith("id:")) {
          id = field(line, 3);
        }
      }
    }
  }

  private static String field(String line, int from) {
    return line.length() > from && line.charAt(from) == ' ' ? line.substring(from + 1) : line.substring(from);
  }

  @Override
  public void close() {
    closed = true;
    InputStream in = open;
    if (in != null) {
      try {
        in.close(); // ends the blocking read: the connection is given up
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    reader.interrupt();
  }
}
