package dev.baton.manager.openapi;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of {@code POST /api/tasks/purge}. */
@Schema(description = "How many finished tasks were deleted.")
public record PurgedSchema(@Schema(description = "Tasks deleted, each with its history and index entries.") long deleted) {}
