package dev.baton.manager.openapi;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A batch, as {@code TaskRequests.batch} reads it. */
@Schema(
    description = "{\"tasks\": [...]}, or the bare array of tasks. All are validated first, then stored in one step: all or"
        + " nothing. Refs name tasks of the batch for the depends_on of the others; a cycle or an unknown parent refuses the"
        + " batch. Violations are named by position, e.g. tasks[3].priority.")
public record BatchRequestSchema(
    @Schema(
            required = true,
            description = "1 to baton.api.max-batch (1,000) tasks; more is a 413, none a 422. Each idempotency_key at most once.",
            minItems = 1,
            maxItems = 1000)
        List<TaskRequestSchema> tasks) {}
