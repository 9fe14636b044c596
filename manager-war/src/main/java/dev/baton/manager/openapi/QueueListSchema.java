package dev.baton.manager.openapi;

import dev.baton.manager.queues.entity.QueueView;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of {@code GET /api/queues}. */
@Schema(description = "Every queue a task named or someone configured.")
public record QueueListSchema(List<QueueView> queues, @Schema(description = "How many.") int count) {}
