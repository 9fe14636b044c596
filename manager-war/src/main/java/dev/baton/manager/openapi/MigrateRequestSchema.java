package dev.baton.manager.openapi;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A migration, as {@code TasksResource.migrate} reads it. */
@Schema(description = "Where a running task should go; the body may be left out.")
public record MigrateRequestSchema(
    @Schema(
            name = "worker_id",
            description = "A live worker other than the task's own that runs its type and takes its queue; null or left out: the least"
                + " loaded such worker.",
            nullable = true,
            example = "worker-2")
        String workerId) {}
