package dev.baton.cluster;

import java.util.List;

/**
 * What a worker tells about itself every heartbeat.
 *
 * @param overloadFactor 1.0 normally; more while the worker is (made) slower
 * @param queues the queues it takes tasks from; empty: every queue
 */
public record Heartbeat(
    String workerId,
    String incarnation,
    WorkerStatus status,
    double overloadFactor,
    int slots,
    int running,
    String host,
    long pid,
    String url,
    List<String> types,
    List<String> queues) {}
