package dev.baton.manager.openapi;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A simulated failure, as {@code WorkersResource.fail} reads it. */
@Schema(description = "How the worker should fail; the body may be left out. No other fields.")
public record FailRequestSchema(
    @Schema(
            description = "Any case. crash: the process halts (kill -9); hang: heartbeats and work stop, its broker connection stays"
                + " open; partition: heartbeats stop while work goes on (a zombie the epoch fences).",
            enumeration = {"crash", "hang", "partition"},
            defaultValue = "crash")
        String mode) {}
