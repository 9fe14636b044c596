package dev.baton.concurrent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LoopTest {
  private static final long LONG_PAUSE_MS = 60_000;

  @Test
  void aNudgeEndsAPauseUnderWayAndTheLoopGoesOn() {
    Loop loop = new Loop();
    CompletableFuture<Boolean> pause = CompletableFuture.supplyAsync(() -> loop.pause(LONG_PAUSE_MS));
    await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> !pause.isDone());
    loop.nudge();
    await().atMost(Duration.ofSeconds(5)).until(pause::isDone);
    assertFalse(pause.join(), "a nudged loop is not stopping");
  }

  @Test
  void aNudgeBeforeThePauseEndsTheNextPauseOnlyOnce() {
    Loop loop = new Loop();
    loop.nudge();
    assertFalse(loop.pause(LONG_PAUSE_MS), "returns at once, not stopping");
    CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> loop.pause(LONG_PAUSE_MS));
    await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> !second.isDone());
    loop.signalStop();
    await().atMost(Duration.ofSeconds(5)).until(second::isDone);
  }

  @Test
  void stopEndsEveryPauseAndTellsTheCallerToEnd() {
    Loop loop = new Loop();
    AtomicInteger rounds = new AtomicInteger();
    loop.start(
        Executors.defaultThreadFactory(),
        "loop-test",
        () -> {
          while (!loop.pause(LONG_PAUSE_MS)) {
            rounds.incrementAndGet();
          }
        });
    loop.nudge();
    await().atMost(Duration.ofSeconds(5)).until(() -> rounds.get() == 1);
    assertTrue(loop.isRunning());
    loop.stop(Duration.ofSeconds(5));
    assertFalse(loop.isRunning());
    assertTrue(loop.isStopping());
  }
}
