package dev.baton.manager.config;

import java.net.URI;
import java.time.Duration;

/** The manager's configuration (see {@link dev.baton.config.ConfigKeys}), read once at start. */
public record ManagerSettings(
    URI redisUrl,
    String redisPrefix,
    int redisPool,
    long eventsMaxLength,
    String brokerUrl,
    Duration dispatchTimeout,
    int dispatchBatch,
    int tasksPerMessage,
    int maxBatch,
    int maxDataBytes,
    long maxPending,
    Duration workerTimeout,
    Duration heartbeat,
    int maxRecoveries,
    Duration migrationTimeout,
    Duration cancelGrace,
    Duration retentionMaxAge,
    long retentionMaxFinished,
    Duration balancerCooldown,
    String launcher,
    String launcherRunDir)
    implements java.io.Serializable {}
