package dev.baton.manager.openapi;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of seed 004's {@code POST /api/queue/{id}/cancel}. */
@Schema(description = "The task after the cancel: cancelled, or still running until its worker stops it.")
public record SeedCancelledSchema(
    @Schema(name = "task_id", description = ApiDocs.TASK_ID) String taskId,
    @Schema(description = "Its status word.", enumeration = {"queued", "waiting", "running", "done", "failed", "cancelled", "skipped"})
        String status,
    @Schema(name = "baton_status", description = "Baton's own status, e.g. CANCELLED.", example = "CANCELLED") String batonStatus) {}
