package dev.baton.manager.openapi;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of seed 004's {@code GET /api/queue/stats}. */
@Schema(description = "How many tasks of the queue are in each status word (those Redis still holds), its state and its pace.")
public record SeedStatsSchema(
    @Schema(example = "default") String queue,
    @Schema(enumeration = {"active", "paused", "stopped"}) String state,
    @Schema(description = "Waiting for a worker or for their time (CREATED, SCHEDULED, RETRYING, RECOVERING, RELEASED).") long queued,
    @Schema(description = "Waiting for their parents.") long waiting,
    @Schema(description = "A worker has them (ASSIGNED, RUNNING, MIGRATING).") long running,
    long done,
    @Schema(description = "FAILED and DEAD.") long failed,
    long cancelled,
    long skipped,
    long total,
    @Schema(name = "throughput_per_s", description = "Completions per second over the last minute.") double throughputPerS,
    @Schema(name = "mean_wait_ms", description = "Mean time from submit to first start; null before a task completed.", nullable = true)
        Long meanWaitMs,
    @Schema(name = "mean_run_ms", description = "Mean time from first start to completion; null before a task completed.", nullable = true)
        Long meanRunMs) {}
