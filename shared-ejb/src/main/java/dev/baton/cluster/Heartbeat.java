package dev.baton.cluster;

import java.util.List;

/** What a worker tells about itself every heartbeat. */
public record Heartbeat(
    String workerId,
    String incarnation,
    WorkerStatus status,
    int slots,
    int running,
    String host,
    long pid,
    String url,
    List<String> types) {}
