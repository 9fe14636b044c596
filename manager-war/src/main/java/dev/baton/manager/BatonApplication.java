package dev.baton.manager;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/** The REST API, under /api. Its OpenAPI description is served at /openapi. */
@ApplicationPath("api")
@OpenAPIDefinition(
    info = @Info(title = "Baton", version = "1.0", description = "A distributed task system: tasks, workers, events."))
public class BatonApplication extends Application {}
