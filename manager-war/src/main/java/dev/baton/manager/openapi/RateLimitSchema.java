package dev.baton.manager.openapi;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A queue's rate limit, as {@code QueueControl.rateLimit} reads it. */
@Schema(description = "At most max of the queue's tasks start within any per_s seconds. No other fields.")
public record RateLimitSchema(
    @Schema(
            required = true,
            description = "The most starts per window: a whole number from 1 to 1,000,000.",
            minimum = "1",
            maximum = "1000000",
            example = "10")
        Integer max,
    @Schema(
            name = "per_s",
            required = true,
            description = "The window in seconds, 0.001 to 86,400.",
            minimum = "0.001",
            maximum = "86400",
            example = "60")
        Double perS) {}
