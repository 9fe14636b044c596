package dev.baton.security;

import dev.baton.store.RedisCredentials;
import dev.baton.store.RedisCredentials.Failures;
import java.time.Duration;
import java.time.Instant;

/**
 * Failed password checks slow down, then lock out, per user and per client address (shared by every manager and
 * worker through Redis). After {@code free} failures each further attempt must wait twice as long as the one before
 * (2 s, 4 s, 8 s, ... up to {@link #MAX_WAIT}); an attempt made too soon is not checked at all (so it costs no
 * hash and cannot succeed). Everything is forgotten {@link #QUIET} after the last failure, and a user's count at
 * their next successful login. Tokens are not throttled: 256 random bits are not guessed.
 */
public final class LoginThrottle {
  /** Failures of one user before the waits begin. */
  public static final int FREE_PER_USER = 5;
  /** Failures from one address before the waits begin (one address may be a proxy or a NAT of many people). */
  public static final int FREE_PER_ADDRESS = 50;
  public static final Duration MAX_WAIT = Duration.ofMinutes(15);
  public static final Duration QUIET = Duration.ofMinutes(15);

  private final RedisCredentials store;

  public LoginThrottle(RedisCredentials store) {
    this.store = store;
  }

  /** How long {@code user} from {@code address} must still wait before a password is checked; zero: check it now. */
  public Duration wait(String user, String address, Instant now) {
    Duration u = wait(store.failures("user:" + user), FREE_PER_USER, now);
    Duration a = address == null ? Duration.ZERO : wait(store.failures("addr:" + address), FREE_PER_ADDRESS, now);
    return u.compareTo(a) >= 0 ? u : a;
  }

  public void failed(String user, String address, Instant now) {
    store.fail("user:" + user, now, QUIET);
    if (address != null) {
      store.fail("addr:" + address, now, QUIET);
    }
  }

  public void succeeded(String user) {
    store.clearFailures("user:" + user);
  }

  /** After {@code free} failures: 2^(n - free) seconds after the last, at most {@link #MAX_WAIT}. */
  static Duration wait(Failures f, int free, Instant now) {
    if (f.count() < free) {
      return Duration.ZERO;
    }
    long exponent = Math.min(f.count() - free + 1, 20);
    Duration pause = Duration.ofSeconds(1L << exponent);
    if (pause.compareTo(MAX_WAIT) > 0) {
      pause = MAX_WAIT;
    }
    Duration left = Duration.between(now, f.last().plus(pause));
    return left.isNegative() ? Duration.ZERO : left;
  }
}
