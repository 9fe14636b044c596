package dev.baton.manager.openapi;

import dev.baton.manager.schedules.entity.ScheduleView;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of {@code GET /api/schedules}. */
@Schema(description = "Every schedule, each with its next and last fire.")
public record ScheduleListSchema(List<ScheduleView> schedules, int count) {}
