package dev.baton.manager.system.control;

import dev.baton.concurrent.Loop;
import dev.baton.store.RedisProgressFeed;
import dev.baton.store.StoreUnavailableException;
import dev.baton.task.ProgressTick;
import dev.baton.manager.config.Threads;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Listens to the progress ticks workers publish and fires each as a CDI event (the console's progress
 * rings and bars). Ticks are not logged: one missed while Redis is away is simply superseded by the next.
 */
@ApplicationScoped
public class ProgressFollower {
  private static final Logger LOG = Logger.getLogger(ProgressFollower.class.getName());

  @Inject Threads threads;
  @Inject RedisProgressFeed feed;
  @Inject Event<ProgressTick> ticks;

  private final Loop loop = new Loop();

  public void start() {
    loop.start(threads.factory(), "baton-progress", this::run);
  }

  public void stop() {
    feed.stop();
    loop.stop(Duration.ofSeconds(3));
  }

  private void run() {
    while (!loop.isStopping()) {
      try {
        feed.follow(this::fire); // blocks until stop() or a broken connection
      } catch (StoreUnavailableException e) {
        loop.pause(1_000);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "progress feed error, following again", e);
        loop.pause(1_000);
      }
    }
  }

  private void fire(ProgressTick tick) {
    try {
      ticks.fire(tick);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "a progress observer failed", e);
    }
  }
}
