package dev.baton.manager.openapi;

import dev.baton.manager.scenarios.entity.ScenarioInfo;
import dev.baton.manager.scenarios.entity.ScenarioRun;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of {@code GET /api/scenarios}. */
@Schema(description = "The demo scenarios and the run under way or last run.")
public record ScenarioCatalogueSchema(
    @Schema(description = "demo-scenario, demo-load-balancing, demo-cascade, demo-workflow: name, title, description, steps.")
        List<ScenarioInfo> scenarios,
    @Schema(name = "restarts_workers", description = "Whether this manager can start crashed workers again (a launcher started it).")
        boolean restartsWorkers,
    @Schema(description = "The run under way, or the last one; absent if none has run since the manager started.")
        ScenarioRun current) {}
