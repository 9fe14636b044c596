package dev.baton.worker.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * This worker's configuration (see {@link dev.baton.config.ConfigKeys}), read once at start.
 *
 * @param incarnation a new random id per process start; the registry tells a restart by it
 * @param queues the queues it takes tasks from; empty: every queue
 * @param attemptLog where each attempt's start and end are written (the nemesis reads it); null: nowhere
 */
public record WorkerSettings(
    String workerId,
    String incarnation,
    int slots,
    Duration heartbeat,
    Duration lease,
    Duration checkpointInterval,
    Path scratchDir,
    URI managerUrl,
    String publicUrl,
    URI redisUrl,
    String redisPrefix,
    int redisPool,
    long eventsMaxLength,
    String brokerUrl,
    int maxRecoveries,
    Duration handoverTimeout,
    java.util.Set<String> types,
    java.util.Set<String> queues,
    Path attemptLog) {

  /** True if this worker runs the type (all types when none are configured). */
  public boolean runs(String type) {
    return types.isEmpty() || types.contains(type);
  }

  /** True if this worker takes tasks from the queue (every queue when none are configured). */
  public boolean takesFrom(String queue) {
    return queues.isEmpty() || queues.contains(queue);
  }
}
