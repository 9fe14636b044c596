package dev.baton.worker.handlers;

import java.util.SplittableRandom;
import java.util.UUID;

/** Deterministic randomness per task, so a resumed run draws the same numbers as an uninterrupted one. */
final class Seeds {
  private Seeds() {}

  static long of(String taskId) {
    try {
      UUID u = UUID.fromString(taskId);
      return u.getMostSignificantBits() ^ u.getLeastSignificantBits();
    } catch (IllegalArgumentException notAUuid) {
      return taskId.hashCode() * 0x9E3779B97F4A7C15L;
    }
  }

  /** A generator for one position (a step, a chunk) of one task. */
  static SplittableRandom at(String taskId, long position) {
    return new SplittableRandom(of(taskId) ^ (position * 0xBF58476D1CE4E5B9L));
  }
}
