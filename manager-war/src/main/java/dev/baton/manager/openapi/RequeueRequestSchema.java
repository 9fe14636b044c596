package dev.baton.manager.openapi;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A requeue of many tasks, as {@code TasksResource.retryMany} reads it. */
@Schema(description = "Exactly one of status and ids.")
public record RequeueRequestSchema(
    @Schema(
            description = "Requeue every task in this status (any case).",
            enumeration = {"FAILED", "DEAD"},
            example = "FAILED")
        String status,
    @Schema(
            description = "Requeue these tasks, those of them that are FAILED or DEAD (the others are passed over): up to 10,000 ids.",
            maxItems = 10_000)
        List<String> ids) {}
