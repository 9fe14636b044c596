package dev.baton.manager.openapi;

import dev.baton.manager.queues.entity.SeedTaskView;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of seed 004's {@code GET /api/queue}. */
@Schema(description = "A page of the queue, oldest first.")
public record SeedQueueSchema(
    @Schema(description = "The queue's name.", example = "default") String queue,
    @Schema(description = "Its state.", enumeration = {"active", "paused", "stopped"}) String state,
    List<SeedTaskView> tasks,
    @Schema(description = "Tasks in this answer.") int count,
    @Schema(description = "Tasks that match, beyond the limit too.") long total) {}
