package dev.baton.manager.notifications.control;

import dev.baton.concurrent.Loop;
import dev.baton.event.BatonEvent;
import dev.baton.json.Jsonp;
import dev.baton.manager.config.Threads;
import dev.baton.store.RedisEventGroup;
import dev.baton.store.RedisTaskStore;
import dev.baton.store.StoreUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Seed 004's Telegram notifications, on a thread of its own, off the task path: it reads the event log
 * through its own consumer group of the managers (each event told once, whichever manager reads it; a dead
 * manager's unacknowledged events are taken over after a minute), sends a message per completion and
 * failure to the Bot API's sendMessage, retried with backoff (and after a 429's retry_after). Without a
 * bot token and chat id nothing reads the log for it: each manager logs the messages from the events it
 * already follows (at most {@value #LOGGED_PER_SECOND} a second).
 */
@ApplicationScoped
public class TelegramNotifier {
  private static final Logger LOG = Logger.getLogger(TelegramNotifier.class.getName());
  static final String GROUP = "telegram";
  static final int ATTEMPTS = 4;
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
  private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final Duration TAKE_OVER_AFTER = Duration.ofSeconds(60);
  private static final int BATCH = 200;
  static final int LOGGED_PER_SECOND = 5;

  @Inject TelegramSettings settings;
  @Inject RedisTaskStore tasks;
  @Inject dev.baton.store.Redis redis;
  @Inject Threads threads;

  private final Loop loop = new Loop();
  private final String consumer = "manager-" + UUID.randomUUID();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).version(HttpClient.Version.HTTP_1_1).build();
  private ExecutorService senders;
  private final Object logLock = new Object(); // a private lock, not a synchronized method (ADR 0024)
  private long logSecond;
  private int loggedThisSecond;
  private long notLogged;

  public void start() {
    if (!settings.enabled()) {
      LOG.info("Telegram not configured (BATON_TELEGRAM_BOT_TOKEN, BATON_TELEGRAM_CHAT_ID): its messages are logged");
      return;
    }
    LOG.info(() -> "Telegram notifications to chat " + settings.chatId() + " via " + settings.apiUrl());
    senders = Executors.newFixedThreadPool(4, threads.factory());
    loop.start(threads.factory(), "baton-telegram", this::run);
  }

  /** Without Telegram: the message is logged, from the events this manager follows anyway (no reads of its own). */
  void onEvent(@Observes BatonEvent e) {
    if (settings.enabled() || !TelegramMessages.tells(e.type()) || !mayLog()) {
      return;
    }
    try {
      TelegramMessages.of(e, e.taskId() == null ? null : tasks.find(e.taskId()).orElse(null))
          .ifPresent(text -> LOG.info(() -> "telegram (not configured): " + text));
    } catch (StoreUnavailableException unavailable) {
      LOG.fine("Redis unavailable; a telegram message not logged");
    }
  }

  public void stop() {
    loop.stop(Duration.ofSeconds(3));
    if (senders != null) {
      senders.shutdownNow();
    }
  }

  private void run() {
    RedisEventGroup group = new RedisEventGroup(redis, GROUP);
    boolean joined = false;
    while (!loop.isStopping()) {
      try {
        if (!joined) {
          group.join(false);
          joined = true;
        }
        List<BatonEvent> events = group.next(consumer, BATCH, Duration.ofSeconds(1), TAKE_OVER_AFTER);
        tell(events);
        group.acknowledge(events.stream().map(BatonEvent::id).toList());
      } catch (StoreUnavailableException e) {
        joined = false; // a restarted Redis may have lost the group
        if (loop.pause(1_000)) {
          return;
        }
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "telegram round failed, continuing", e);
        joined = false;
        if (loop.pause(1_000)) {
          return;
        }
      }
    }
  }

  private void tell(List<BatonEvent> events) {
    List<CompletableFuture<Void>> sending = new ArrayList<>();
    for (BatonEvent e : events) {
      if (!TelegramMessages.tells(e.type())) {
        continue;
      }
      Optional<String> text = TelegramMessages.of(e, e.taskId() == null ? null : tasks.find(e.taskId()).orElse(null));
      text.ifPresent(t -> sending.add(CompletableFuture.runAsync(() -> send(t, e), senders)));
    }
    CompletableFuture.allOf(sending.toArray(CompletableFuture[]::new)).join();
  }

  /** At most {@value #LOGGED_PER_SECOND} logged messages a second; a flood (a benchmark) is counted, not written. */
  private boolean mayLog() {
    synchronized (logLock) {
      long second = System.currentTimeMillis() / 1000;
      if (second != logSecond) {
        if (notLogged > 0) {
          long n = notLogged;
          LOG.info(() -> "telegram (not configured): " + n + " more messages not logged");
        }
        logSecond = second;
        loggedThisSecond = 0;
        notLogged = 0;
      }
      if (loggedThisSecond++ < LOGGED_PER_SECOND) {
        return true;
      }
      notLogged++;
      return false;
    }
  }

  private void send(String text, BatonEvent e) {
    String body = Jsonp.object().add("chat_id", settings.chatId()).add("text", text).add("disable_web_page_preview", true).build().toString();
    Duration backoff = FIRST_BACKOFF;
    String error = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      Duration wait = backoff;
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(settings.sendMessage())
                    .timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 == 2) {
          return;
        }
        error = "answered " + r.statusCode();
        if (r.statusCode() == 429) {
          wait = retryAfter(r.body()).orElse(backoff);
        } else if (r.statusCode() / 100 == 4) {
          break; // a bad token or chat: retrying does not help
        }
      } catch (IOException ex) {
        error = ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        return;
      }
      if (attempt < ATTEMPTS) {
        try {
          Thread.sleep(wait.toMillis()); // the backoff of a retry, on a sender thread, off the task path
        } catch (InterruptedException ex) {
          Thread.currentThread().interrupt();
          return;
        }
        backoff = backoff.multipliedBy(2);
      }
    }
    String why = error;
    LOG.warning(() -> "telegram message about " + e.taskId() + " not delivered (" + why + "): " + text);
  }

  /** The Bot API's {@code parameters.retry_after} (seconds) of a 429, capped. */
  static Optional<Duration> retryAfter(String body) {
    try {
      var p = Jsonp.parseObject(body).getJsonObject("parameters");
      if (p != null && p.containsKey("retry_after")) {
        Duration d = Duration.ofSeconds(p.getJsonNumber("retry_after").longValue());
        return Optional.of(d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d);
      }
    } catch (RuntimeException ignored) {
      // not the Bot API's JSON: the usual backoff
    }
    return Optional.empty();
  }
}
