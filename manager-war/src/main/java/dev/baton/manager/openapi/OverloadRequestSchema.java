package dev.baton.manager.openapi;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A simulated overload, as {@code WorkersResource.overload} reads it. */
@Schema(description = "How much slower and for how long; the body and each field may be left out. No other fields.")
public record OverloadRequestSchema(
    @Schema(
            description = "Every step takes this many times as long: a number above 1 and at most 20.",
            minimum = "1",
            exclusiveMinimum = true,
            maximum = "20",
            defaultValue = "3")
        Double factor,
    @Schema(
            name = "duration_s",
            description = "Seconds until it ends by itself: a whole number from 1 to 3600.",
            minimum = "1",
            maximum = "3600",
            defaultValue = "60")
        Integer durationS) {}
