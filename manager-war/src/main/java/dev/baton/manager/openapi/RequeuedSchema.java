package dev.baton.manager.openapi;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of {@code POST /api/tasks/retry}. */
@Schema(description = "How many tasks were requeued.")
public record RequeuedSchema(@Schema(description = "Tasks requeued: those that were FAILED or DEAD.") int requeued) {}
