package dev.baton.store;

import dev.baton.json.Jsonp;
import dev.baton.task.ProgressTick;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Instant;
import java.util.function.Consumer;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The progress ticks workers publish with every progress report (a Redis channel: nothing is kept, so a
 * follower sees only what is published while it listens). One subscription per follower; {@link #stop()}
 * ends it from another thread.
 */
public class RedisProgressFeed {
  private final Redis redis;
  private final Object lock = new Object();
  private JedisPubSub subscription;
  private boolean stopped;

  public RedisProgressFeed(Redis redis) {
    this.redis = redis;
  }

  /**
   * Blocks, handing each tick to {@code onTick} on this thread, until {@link #stop()} is called.
   *
   * @throws StoreUnavailableException when the connection breaks (subscribe again later)
   */
  public void follow(Consumer<ProgressTick> onTick) {
    JedisPubSub sub =
        new JedisPubSub() {
          @Override
          public void onSubscribe(String channel, int subscribedChannels) {
            if (isStopped()) {
              unsubscribe(); // stop() came before the subscription was made
            }
          }

          @Override
          public void onMessage(String channel, String message) {
            ProgressTick tick = parse(message);
            if (tick != null) {
              onTick.accept(tick);
            }
          }
        };
    synchronized (lock) {
      if (stopped) {
        return;
      }
      subscription = sub;
    }
    try {
      redis.call(
          c -> {
            c.subscribe(sub, redis.keys().progressChannel());
            return null;
          });
    } catch (JedisException e) {
      throw new StoreUnavailableException("progress subscription ended: " + e.getMessage(), e);
    }
  }

  /** Ends the subscription; {@link #follow} returns. */
  public void stop() {
    synchronized (lock) {
      stopped = true;
      if (subscription != null && subscription.isSubscribed()) {
        subscription.unsubscribe();
      }
    }
  }

  private boolean isStopped() {
    synchronized (lock) {
      return stopped;
    }
  }

  static ProgressTick parse(String message) {
    try {
      JsonObject o = Jsonp.parseObject(message);
      return new ProgressTick(
          o.getString("task_id"),
          o.get("worker_id") instanceof JsonString w ? w.getString() : null,
          o.getJsonNumber("progress").intValue(),
          o.get("message") instanceof JsonString m ? m.getString() : "",
          Instant.ofEpochMilli(o.getJsonNumber("at").longValue()));
    } catch (RuntimeException e) {
      return null; // not ours; ignore
    }
  }
}
