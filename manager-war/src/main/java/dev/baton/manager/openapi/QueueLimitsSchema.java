package dev.baton.manager.openapi;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A queue's limits, as {@code QueueControl.configure} reads them. */
@Schema(
    description = "Replaces the queue's limits, across every worker and manager: a limit left out or null is removed. Tasks over"
        + " a limit wait (parked) and start in priority order as the limits let them. A field not listed here is refused.")
public record QueueLimitsSchema(
    @Schema(
            description = "At most this many of its tasks run at once: a whole number from 1 to 100,000; null or left out: no limit.",
            minimum = "1",
            maximum = "100000",
            nullable = true,
            example = "2")
        Integer concurrency,
    @Schema(
            name = "rate_limit",
            description = "{\"max\": M, \"per_s\": S}: at most M starts within any S seconds; null or left out: no limit.",
            nullable = true)
        RateLimitSchema rateLimit) {}
