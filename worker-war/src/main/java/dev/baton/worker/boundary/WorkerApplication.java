package dev.baton.worker.boundary;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/** The worker's small HTTP API under /api. Its OpenAPI description is served at /openapi. */
@ApplicationPath("api")
@OpenAPIDefinition(
    info =
        @Info(
            title = "Baton worker",
            version = "1.0",
            description = "One worker process as it sees itself: its slots, running tasks and handlers. The cluster's view of"
                + " every worker, and every command to one, is the manager's API (/api/workers)."))
public class WorkerApplication extends Application {}
