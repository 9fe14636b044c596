package dev.baton.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private static final RetryPolicy EXPONENTIAL = new RetryPolicy(10, RetryPolicy.Backoff.EXPONENTIAL, 1_000, 10_000);

  @Test
  void exponentialDoublesFromTheDelayWithJitterInTheUpperHalfCappedAtTheMaximum() {
    long[][] lowestHighest = {{500, 1_000}, {1_000, 2_000}, {2_000, 4_000}, {4_000, 8_000}, {8_000, 10_000}, {10_000, 10_000}};
    for (int retry = 1; retry <= lowestHighest.length; retry++) {
      long[] x = lowestHighest[retry - 1];
      assertEquals(Duration.ofMillis(x[0]), EXPONENTIAL.delayBefore(retry, () -> 0.0), "lowest, retry " + retry);
      assertEquals(Duration.ofMillis(x[1]), EXPONENTIAL.delayBefore(retry, () -> 0.999_999_9), "highest, retry " + retry);
    }
  }

  @Test
  void eachRetryWaitsAtLeastAsLongAsTheOneBeforeWhateverTheJitter() {
    for (int retry = 1; retry < 20; retry++) {
      assertTrue(EXPONENTIAL.delayBefore(retry, () -> 0.999).compareTo(EXPONENTIAL.delayBefore(retry + 1, () -> 0.0)) <= 0);
    }
  }

  @Test
  void fixedKeepsTheDelayAndHugeRetryNumbersDoNotOverflow() {
    RetryPolicy fixed = new RetryPolicy(100, RetryPolicy.Backoff.FIXED, 250, 300_000);
    assertEquals(Duration.ofMillis(250), fixed.delayBefore(1, Math::random));
    assertEquals(Duration.ofMillis(250), fixed.delayBefore(99, Math::random));
    RetryPolicy slow = new RetryPolicy(100, RetryPolicy.Backoff.EXPONENTIAL, 86_400_000, 86_400_000);
    assertEquals(Duration.ofMillis(86_400_000), slow.delayBefore(100, () -> 0.999_999_99));
  }

  @Test
  void theNextRetryDelayIsNullOnceTheRetriesAreUsedUp() {
    RetryPolicy two = new RetryPolicy(2, RetryPolicy.Backoff.FIXED, 100, 100);
    Claim first = new Claim("t", 1, 1, "sleep", "{}", null, 0, null, 0, 0, two, TaskLimits.NONE, null);
    Claim last = new Claim("t", 3, 3, "sleep", "{}", null, 0, null, 0, 2, two, TaskLimits.NONE, null);
    assertEquals(Duration.ofMillis(100), first.nextRetryDelay(() -> 0.5));
    assertNull(last.nextRetryDelay(() -> 0.5));
    assertNull(new Claim("t", 1, 1, "sleep", "{}", null, 0, null, 0, 0, RetryPolicy.NONE, TaskLimits.NONE, null).nextRetryDelay(() -> 0.5));
  }

  @Test
  void storedFieldsReadBackAndNoneStoresNothing() {
    assertEquals(Map.of(), RetryPolicy.NONE.asFields());
    Map<String, String> f = EXPONENTIAL.asFields();
    assertEquals(EXPONENTIAL, RetryPolicy.of(f.get("max_retries"), f.get("retry_backoff"), f.get("retry_delay_ms"), f.get("retry_max_delay_ms")));
    assertEquals(RetryPolicy.NONE, RetryPolicy.of(null, null, null, null));
  }

  @Test
  void refusesWhatCannotBe() {
    assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(101, RetryPolicy.Backoff.FIXED, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(1, RetryPolicy.Backoff.FIXED, 10, 5));
    assertThrows(IllegalArgumentException.class, () -> EXPONENTIAL.delayBefore(0, Math::random));
  }
}
