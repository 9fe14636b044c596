package dev.baton.manager.cluster.entity;

import dev.baton.cluster.ClusterSnapshot;
import dev.baton.manager.system.entity.SystemStatus;
import java.util.Map;

/**
 * What a live picture of the cluster shows: one consistent snapshot of Redis, each worker's condition,
 * and the broker as last probed.
 *
 * @param conditions by worker id
 * @param broker null until the broker was first probed
 * @param redisMs how long the snapshot took to read (Redis' latency and load, seen from the manager)
 * @param canRestart whether this manager can start a crashed worker again (a launcher started it)
 */
public record ClusterPicture(
    ClusterSnapshot snapshot, Map<String, WorkerCondition> conditions, SystemStatus.Component broker, double redisMs, boolean canRestart) {}
