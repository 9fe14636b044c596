package dev.baton.manager.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SubmitRateTest {
  @Test
  void aBurstOfTwoSecondsPassesThenTheRateHolds() {
    SubmitRate.Bucket b = new SubmitRate.Bucket(10);
    long t = System.nanoTime();
    for (int i = 0; i < 20; i++) {
      assertTrue(b.take(t), "request " + i + " of the burst");
    }
    assertFalse(b.take(t), "the 21st at once");
    assertFalse(b.take(t + 50_000_000L), "half a token later");
    assertTrue(b.take(t + 100_000_000L), "a tenth of a second later: one more");
    assertTrue(b.take(t + 10_000_000_000L) && b.take(t + 10_000_000_000L), "refilled, but never above the burst");
  }
}
