package dev.baton.manager.webhooks.control;

import dev.baton.concurrent.Loop;
import dev.baton.event.BatonEvent;
import dev.baton.json.Jsonp;
import dev.baton.manager.config.Threads;
import dev.baton.store.RedisWebhooks;
import dev.baton.store.StoreUnavailableException;
import dev.baton.webhook.Webhook;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Delivers events to webhooks, on a thread of its own, off the task path: it reads the event log through
 * the managers' consumer group (each event to one manager; a dead manager's unacknowledged ones are taken
 * over after {@link #TAKE_OVER_AFTER}), POSTs each event to every webhook that wants it, signed
 * ({@code X-Baton-Signature: sha256=<hex HMAC-SHA256 of the body>}), retries a failure with backoff, logs
 * every delivery, then acknowledges. With no webhook it reads nothing.
 */
@ApplicationScoped
public class WebhookSender {
  private static final Logger LOG = Logger.getLogger(WebhookSender.class.getName());
  /** Attempts per delivery, and the pauses between them. */
  static final int ATTEMPTS = 4;
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  static final Duration TAKE_OVER_AFTER = Duration.ofSeconds(60);
  private static final int BATCH = 100;

  @Inject RedisWebhooks store;
  @Inject Threads threads;

  private final Loop loop = new Loop();
  private final String consumer = "manager-" + UUID.randomUUID();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).version(HttpClient.Version.HTTP_1_1).build();
  private ExecutorService senders;

  public void start() {
    senders = Executors.newFixedThreadPool(4, threads.factory());
    loop.start(threads.factory(), "baton-webhooks", this::run);
  }

  public void stop() {
    loop.stop(Duration.ofSeconds(3));
    if (senders != null) {
      senders.shutdownNow();
    }
  }

  private void run() {
    boolean joined = false;
    while (!loop.isStopping()) {
      try {
        List<Webhook> hooks = store.all();
        if (hooks.isEmpty()) {
          if (loop.pause(1_000)) {
            return;
          }
          continue;
        }
        if (!joined) {
          store.eventGroup().join(false);
          joined = true;
        }
        List<BatonEvent> events = store.eventGroup().next(consumer, BATCH, Duration.ofSeconds(1), TAKE_OVER_AFTER);
        deliver(hooks, events);
        store.eventGroup().acknowledge(events.stream().map(BatonEvent::id).toList());
      } catch (StoreUnavailableException e) {
        joined = false; // a restarted Redis may have lost the group
        if (loop.pause(1_000)) {
          return;
        }
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "webhook delivery round failed, continuing", e);
        joined = false;
        if (loop.pause(1_000)) {
          return;
        }
      }
    }
  }

  /** Every event to every webhook that wants it, in parallel; returns when all are delivered or given up. */
  private void deliver(List<Webhook> hooks, List<BatonEvent> events) {
    List<CompletableFuture<Void>> running = new ArrayList<>();
    for (BatonEvent e : events) {
      for (Webhook h : hooks) {
        if (h.wants(e.type(), e.at())) {
          running.add(CompletableFuture.runAsync(() -> deliver(h, e), senders));
        }
      }
    }
    CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
  }

  private void deliver(Webhook h, BatonEvent e) {
    String body = body(e);
    String signature = "sha256=" + hmac(h.secret(), body);
    int status = 0;
    String error = null;
    int attempt = 0;
    Duration backoff = FIRST_BACKOFF;
    while (attempt < ATTEMPTS) {
      attempt++;
      try {
        HttpResponse<Void> r =
            http.send(
                HttpRequest.newBuilder(URI.create(h.url()))
                    .timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("X-Baton-Event", e.type())
                    .header("X-Baton-Delivery", e.id())
                    .header("X-Baton-Signature", signature)
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        status = r.statusCode();
        if (status / 100 == 2) {
          error = null;
          break;
        }
        error = "answered " + status;
      } catch (java.io.IOException ex) {
        status = 0;
        error = ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        error = "interrupted (the manager stopped)";
        break;
      }
      if (attempt < ATTEMPTS) {
        try {
          Thread.sleep(backoff.toMillis()); // the backoff of a retry, on a sender thread, off the task path
        } catch (InterruptedException ex) {
          Thread.currentThread().interrupt();
          break;
        }
        backoff = backoff.multipliedBy(2);
      }
    }
    JsonObjectBuilder log =
        Jsonp.object()
            .add("event_id", e.id())
            .add("event_type", e.type())
            .add("delivered", error == null)
            .add("status_code", status)
            .add("attempts", attempt)
            .add("at", Instant.now().toString());
    if (e.taskId() != null) {
      log.add("task_id", e.taskId());
    }
    if (error != null) {
      log.add("last_error", error);
    }
    store.recordDelivery(h.id(), log.build().toString());
  }

  /** The event as delivered: {@code {"id", "type", "at", "task_id", "worker_id", "fields": {...}}}. */
  static String body(BatonEvent e) {
    JsonObjectBuilder fields = Jsonp.object();
    for (Map.Entry<String, String> f : new java.util.TreeMap<>(e.fields()).entrySet()) {
      fields.add(f.getKey(), f.getValue());
    }
    JsonObjectBuilder b = Jsonp.object().add("id", e.id()).add("type", e.type()).add("at", e.at().toString());
    if (e.taskId() != null) {
      b.add("task_id", e.taskId());
    }
    if (e.workerId() != null) {
      b.add("worker_id", e.workerId());
    }
    return b.add("fields", fields).add("message", e.message()).build().toString();
  }

  /** Hex HMAC-SHA256 of the body under the webhook's secret: the receiver computes the same to trust it. */
  static String hmac(String secret, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException ex) {
      throw new IllegalStateException(ex);
    }
  }
}
