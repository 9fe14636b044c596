package dev.baton.manager.openapi;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of seed 004's {@code POST /api/queue/start|pause|resume|stop}. */
@Schema(description = "The queue's state after the change.")
public record SeedQueueStateSchema(
    @Schema(example = "default") String queue,
    @Schema(enumeration = {"active", "paused", "stopped"}) String state,
    @Schema(description = "Its tasks a worker runs now.") long running,
    @Schema(description = "Its tasks it holds back (paused, stopped, at a limit).") long parked) {}
