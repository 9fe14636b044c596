package dev.baton.manager.system.control;

import dev.baton.event.BatonEvent;
import dev.baton.store.RedisEventLog;
import dev.baton.store.StoreUnavailableException;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Follows the event log in Redis and fires each new entry as a CDI event; observers (the SSE stream, the
 * console) fan it out. The log is written by the Lua scripts in the same step as each state change, so
 * what observers see is exactly what happened, from every worker and manager.
 */
@ApplicationScoped
public class EventTail {
  private static final Logger LOG = Logger.getLogger(EventTail.class.getName());

  @Resource ManagedThreadFactory threadFactory;
  @Inject RedisEventLog log;
  @Inject Event<BatonEvent> events;

  private final CountDownLatch stopped = new CountDownLatch(1);
  private Thread thread;

  public synchronized void start() {
    if (thread == null) {
      thread = threadFactory.newThread(this::loop);
      thread.setName("baton-event-tail");
      thread.start();
    }
  }

  public synchronized void stop() {
    stopped.countDown();
    if (thread != null) {
      try {
        thread.join(3_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void loop() {
    String last = null;
    while (stopped.getCount() > 0) {
      try {
        if (last == null) {
          last = log.lastId();
        }
        for (BatonEvent e : log.tail(last, Duration.ofSeconds(1), 1000)) {
          last = e.id();
          try {
            events.fire(e);
          } catch (RuntimeException observerFailed) {
            LOG.log(Level.WARNING, "an event observer failed", observerFailed);
          }
        }
      } catch (StoreUnavailableException e) {
        pause();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "event tail error, continuing", e);
        pause();
      }
    }
  }

  private void pause() {
    try {
      stopped.await(1, TimeUnit.SECONDS);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
    }
  }
}
