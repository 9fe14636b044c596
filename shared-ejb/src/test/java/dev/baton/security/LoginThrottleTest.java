package dev.baton.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.baton.store.RedisCredentials.Failures;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  private static final Instant T = Instant.parse("2026-12-03T10:00:00Z");

  @Test
  void theFirstFailuresAreFreeThenEachWaitDoubles() {
    assertEquals(Duration.ZERO, LoginThrottle.wait(new Failures(4, T), 5, T));
    assertEquals(Duration.ofSeconds(2), LoginThrottle.wait(new Failures(5, T), 5, T));
    assertEquals(Duration.ofSeconds(4), LoginThrottle.wait(new Failures(6, T), 5, T));
    assertEquals(Duration.ofSeconds(1), LoginThrottle.wait(new Failures(5, T), 5, T.plusSeconds(1)), "time already waited counts");
    assertEquals(Duration.ZERO, LoginThrottle.wait(new Failures(5, T), 5, T.plusSeconds(3)));
    assertEquals(LoginThrottle.MAX_WAIT, LoginThrottle.wait(new Failures(40, T), 5, T), "never longer than the most");
  }
}
