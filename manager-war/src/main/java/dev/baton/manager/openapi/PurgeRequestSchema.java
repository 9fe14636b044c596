package dev.baton.manager.openapi;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A purge, as {@code TasksResource.purge} reads it. */
@Schema(description = "At least one of the two fields: {\"older_than_s\": 0} purges every finished task.")
public record PurgeRequestSchema(
    @Schema(
            description = "Only tasks of this final status (any case); left out: every final status.",
            enumeration = {"COMPLETED", "FAILED", "CANCELLED", "SKIPPED", "DEAD"},
            example = "COMPLETED")
        String status,
    @Schema(
            name = "older_than_s",
            description = "Only tasks that finished at least this many seconds ago: a whole number from 0 to 3,162,240,000 (a hundred"
                + " years).",
            minimum = "0",
            maximum = "3162240000",
            defaultValue = "0",
            example = "3600")
        Long olderThanS) {}
