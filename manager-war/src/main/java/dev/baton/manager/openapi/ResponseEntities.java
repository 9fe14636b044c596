package dev.baton.manager.openapi;

import dev.baton.manager.cluster.entity.CommandSent;
import dev.baton.manager.cluster.entity.MigrationStarted;
import dev.baton.manager.tasks.entity.TaskBatch;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Not part of the API. The generator makes a component of a record it meets as a method's return type or as a field,
 * and {@code @Schema(implementation = X.class)} only copies an existing component; the records below travel only inside
 * a {@code Response}, so a field each here makes them components. {@link CommonResponses} drops this record itself from
 * the document.
 */
@Schema(description = "Not part of the API.")
record ResponseEntities(TaskBatch taskBatch, MigrationStarted migrationStarted, CommandSent commandSent) {}
