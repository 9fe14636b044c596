package dev.baton.manager.system.control;

import dev.baton.concurrent.Loop;
import dev.baton.event.BatonEvent;
import dev.baton.store.RedisEventLog;
import dev.baton.store.StoreUnavailableException;
import dev.baton.manager.config.Threads;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Duration;
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

  @Inject Threads threads;
  @Inject RedisEventLog log;
  @Inject Event<BatonEvent> events;

  private final Loop loop = new Loop();

  public void start() {
    loop.start(threads.factory(), "baton-event-tail", this::run);
  }

  public void stop() {
    loop.stop(Duration.ofSeconds(3));
  }

  private void run() {
    String last = null;
    while (!loop.isStopping()) {
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
        loop.pause(1_000);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "event tail error, continuing", e);
        loop.pause(1_000);
      }
    }
  }
}
