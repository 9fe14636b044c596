package dev.baton.manager.webhooks.control;

import dev.baton.concurrent.Loop;
import dev.baton.event.BatonEvent;
import dev.baton.json.Jsonp;
import dev.baton.manager.config.Threads;
import dev.baton.store.RedisEventGroup;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Delivers events to webhooks, off the task path. Each webhook has its own consumer group on the event log
 * and its own delivery loop in every manager: each event goes to one manager (a dead manager's
 * unacknowledged ones are taken over after {@link #TAKE_OVER_AFTER}), and a slow or dead endpoint holds back
 * only its own deliveries. Each event is POSTed signed ({@code X-Baton-Signature: sha256=<hex HMAC-SHA256 of
 * the body>}), a failure retried with backoff, every delivery logged, then acknowledged. Consumers of managers
 * gone for {@link #PRUNE_AFTER} are removed from the groups.
 */
@ApplicationScoped
public class WebhookSender {
  private static final Logger LOG = Logger.getLogger(WebhookSender.class.getName());
  /** Attempts per delivery, and the pauses between them. */
  static final int ATTEMPTS = 4;
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  static final Duration TAKE_OVER_AFTER = Duration.ofSeconds(60);
  static final Duration PRUNE_AFTER = Duration.ofMinutes(10);
  private static final int BATCH = 100;
  /** Deliveries of one webhook at once. */
  private static final int PARALLEL = 4;

  @Inject RedisWebhooks store;
  @Inject Threads threads;

  private final Loop loop = new Loop();
  private final String consumer = "manager-" + UUID.randomUUID();
  // Redirects are not followed (Redirect.NEVER): a redirect to a private address would go round WebhookTargets.
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
  /** The delivery loop of each webhook this manager serves. */
  private final Map<String, Future<?>> loops = new ConcurrentHashMap<>();
  private ExecutorService pool;

  public void start() {
    pool = Executors.newCachedThreadPool(threads.factory());
    loop.start(threads.factory(), "baton-webhooks", this::supervise);
  }

  public void stop() {
    loop.stop(Duration.ofSeconds(3));
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  /** Keeps one delivery loop per webhook: started for a new one, ended (by itself) for a deleted one. */
  private void supervise() {
    while (!loop.isStopping()) {
      try {
        for (Webhook h : store.all()) {
          loops.compute(h.id(), (id, running) -> running != null && !running.isDone() ? running : pool.submit(() -> deliverLoop(id)));
        }
      } catch (StoreUnavailableException e) {
        LOG.fine("Redis unavailable; the webhooks' loops wait for it");
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "webhook supervision failed, continuing", e);
      }
      if (loop.pause(1_000)) {
        return;
      }
    }
  }

  private void deliverLoop(String webhookId) {
    RedisEventGroup group = store.eventGroup(webhookId);
    ExecutorService senders = Executors.newFixedThreadPool(PARALLEL, threads.factory());
    boolean joined = false;
    long nextPrune = 0;
    try {
      while (!loop.isStopping()) {
        try {
          Webhook hook = store.find(webhookId).orElse(null);
          if (hook == null) {
            return; // deleted
          }
          if (!joined) {
            group.join(false);
            joined = true;
          }
          List<BatonEvent> events = group.next(consumer, BATCH, Duration.ofSeconds(1), TAKE_OVER_AFTER);
          List<CompletableFuture<Void>> running = new ArrayList<>();
          for (BatonEvent e : events) {
            if (hook.wants(e.type(), e.at())) {
              running.add(CompletableFuture.runAsync(() -> deliver(hook, e), senders));
            }
          }
          CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
          group.acknowledge(events.stream().map(BatonEvent::id).toList());
          if (System.nanoTime() - nextPrune > 0) {
            int pruned = group.pruneIdleConsumers(PRUNE_AFTER);
            if (pruned > 0) {
              LOG.info(() -> "webhook " + webhookId + ": removed " + pruned + " consumer(s) of managers gone");
            }
            nextPrune = System.nanoTime() + Duration.ofMinutes(1).toNanos();
          }
        } catch (StoreUnavailableException e) {
          joined = false; // a restarted Redis may have lost the group
          if (loop.pause(1_000)) {
            return;
          }
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "webhook " + webhookId + ": delivery round failed, continuing", e);
          joined = false;
          if (loop.pause(1_000)) {
            return;
          }
        }
      }
    } finally {
      senders.shutdownNow();
    }
  }

  private void deliver(Webhook h, BatonEvent e) {
    String body = body(e);
    String signature = "sha256=" + hmac(h.secret(), body);
    int status = 0;
    String error = null;
    int attempt = 0;
    Duration backoff = FIRST_BACKOFF;
    String refused = WebhookTargets.refusal(URI.create(h.url()), store.allowedHosts()); // its address may have changed
    if (refused != null) {
      error = "not sent: " + refused;
      attempt = ATTEMPTS; // nothing is tried
    }
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
            .add("attempts", refused == null ? attempt : 0)
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
