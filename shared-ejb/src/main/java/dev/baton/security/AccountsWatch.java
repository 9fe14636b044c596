package dev.baton.security;

import dev.baton.concurrent.Loop;
import dev.baton.store.RedisCredentials;
import dev.baton.store.StoreUnavailableException;
import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Notices, within {@link #EVERY}, that users or tokens changed anywhere in the cluster (another manager demoted a
 * user, deleted one, changed a password, revoked a token): it reads one counter that every such change raises, and
 * when it moved runs {@code onChange} - which forgets remembered credentials and checks open sessions and streams
 * again. One GET a second per process.
 */
public final class AccountsWatch {
  public static final Duration EVERY = Duration.ofSeconds(1);
  private static final Logger LOG = Logger.getLogger(AccountsWatch.class.getName());

  private final RedisCredentials store;
  private final Runnable onChange;
  private final Loop loop = new Loop();
  private long seen = -1;

  public AccountsWatch(RedisCredentials store, Runnable onChange) {
    this.store = store;
    this.onChange = onChange;
  }

  public void start(ThreadFactory threads) {
    loop.start(threads, "baton-accounts-watch", this::run);
  }

  public void stop() {
    loop.stop(Duration.ofSeconds(2));
  }

  private void run() {
    while (!loop.pause(EVERY.toMillis())) {
      try {
        long now = store.version();
        if (seen >= 0 && now != seen) {
          onChange.run();
        }
        seen = now;
      } catch (StoreUnavailableException e) {
        // remembered credentials keep working through an outage (Authenticator.FRESH bounds them)
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "checking for changed users and tokens failed; trying again", e);
      }
    }
  }
}
