package dev.baton.manager.security;

import dev.baton.manager.operations.Actor;
import dev.baton.manager.refusal.Refusal;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * How many submit requests (one task or a batch) each user may send per second, on this manager: a token bucket per
 * user holding up to two seconds' worth, so a burst passes and a flood gets 429 with Retry-After. The manager's
 * own actions (schedules, timers) are not limited. {@code baton.api.submits-per-s} (0: no limit).
 */
@ApplicationScoped
public class SubmitRate {
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
  private volatile double perSecond;

  @PostConstruct
  void init() {
    perSecond = ConfigProvider.getConfig().getOptionalValue("baton.api.submits-per-s", Double.class).orElse(500.0);
  }

  /** Takes one request of the actor's allowance, or refuses it (429). */
  public void take(Actor actor) {
    if (perSecond <= 0 || actor.user() == null) {
      return;
    }
    if (buckets.size() > 10_000) {
      buckets.clear(); // users come and go; a full bucket is what a new one starts with anyway
    }
    if (!buckets.computeIfAbsent(actor.user(), u -> new Bucket(perSecond)).take(System.nanoTime())) {
      throw Refusal.busy(
          actor.user() + " sends more than " + (long) perSecond + " submit requests a second (baton.api.submits-per-s); nothing was stored");
    }
  }

  /** Refilled at the rate, holding at most two seconds' worth. */
  static final class Bucket {
    private final double rate;
    private final double capacity;
    private double tokens;
    private long last;

    Bucket(double perSecond) {
      this.rate = perSecond / 1e9;
      this.capacity = Math.max(1, perSecond * 2);
      this.tokens = capacity;
      this.last = System.nanoTime();
    }

    synchronized boolean take(long now) {
      tokens = Math.min(capacity, tokens + (now - last) * rate);
      last = now;
      if (tokens < 1) {
        return false;
      }
      tokens -= 1;
      return true;
    }
  }
}
