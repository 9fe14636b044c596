package dev.baton.manager.openapi;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of seed 004's {@code POST /api/queue/add}. */
@Schema(description = "The task added.")
public record SeedAddedSchema(
    @Schema(name = "task_id", description = ApiDocs.TASK_ID) String taskId,
    @Schema(
            description = "Its status word: queued, or waiting for its parents (running or an end word if it moved on at once).",
            enumeration = {"queued", "waiting", "running", "done", "failed", "cancelled", "skipped"})
        String status) {}
