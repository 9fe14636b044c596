package dev.baton.manager.openapi;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of {@code POST /api/schedules/{name}/trigger}. */
@Schema(description = "The task the schedule created now.")
public record TriggeredSchema(@Schema(name = "task_id", description = ApiDocs.TASK_ID) String taskId) {}
