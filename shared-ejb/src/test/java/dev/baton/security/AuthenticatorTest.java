package dev.baton.security;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.store.Redis;
import dev.baton.store.RedisCredentials;
import dev.baton.testing.RedisServer;
import jakarta.security.enterprise.identitystore.PasswordHash;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A header is verified with the slow password hash once, however many requests bring it at the same moment. */
class AuthenticatorTest {
  /** A hash whose checks wait until the test lets them go, and are counted. */
  static final class HeldHash implements PasswordHash {
    final AtomicInteger checks = new AtomicInteger();
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public String generate(char[] password) {
      return "plain:" + new String(password);
    }

    @Override
    public boolean verify(char[] password, String hashed) {
      checks.incrementAndGet();
      entered.countDown();
      try {
        release.await(1, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return hashed.equals(generate(password));
    }
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aHeaderArrivingOnManyConnectionsAtOnceCostsOneHash() throws Exception {
    HeldHash hash = new HeldHash();
    try (RedisServer server = RedisServer.start();
        Redis redis = server.freshClient(8)) {
      manyConnectionsAtOnce(hash, new RedisCredentials(redis));
    }
  }

  private static void manyConnectionsAtOnce(HeldHash hash, RedisCredentials store) throws Exception {
    store.createUser("ada", Role.OPERATOR, hash.generate("s3cret".toCharArray()), Instant.now());
    Authenticator authenticator = new Authenticator(store, hash);
    int connections = 6;
    ExecutorService pool = Executors.newFixedThreadPool(connections);
    try {
      List<Thread> threads = new ArrayList<>();
      List<Future<Verdict>> verdicts = new ArrayList<>();
      for (int i = 0; i < connections; i++) {
        verdicts.add(
            pool.submit(
                () -> {
                  synchronized (threads) {
                    threads.add(Thread.currentThread());
                  }
                  return authenticator.header(basic("ada", "s3cret"), "127.0.0.1");
                }));
      }
      assertTrue(hash.entered.await(1, TimeUnit.MINUTES), "one request checks the password");
      await("the other requests wait for its verdict")
          .atMost(Duration.ofSeconds(30))
          .until(() -> {
            synchronized (threads) {
              return threads.size() == connections
                  && threads.stream().filter(t -> t.getState() == Thread.State.WAITING).count() >= connections - 1;
            }
          });
      hash.release.countDown();
      for (Future<Verdict> v : verdicts) {
        assertTrue(v.get(1, TimeUnit.MINUTES).admitted());
      }
      assertEquals(1, hash.checks.get(), "one slow hash for all of them");

      assertTrue(authenticator.header(basic("ada", "s3cret"), "127.0.0.1").admitted());
      assertEquals(1, hash.checks.get(), "and none for the next request: the verdict is remembered");
      assertTrue(!authenticator.header(basic("ada", "wrong"), "127.0.0.1").admitted(), "another header is checked on its own");
      assertEquals(2, hash.checks.get());
    } finally {
      hash.release.countDown();
      pool.shutdownNow();
    }
  }
}
