package dev.baton.manager;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/**
 * The REST API, under /api. Its OpenAPI description is served at /openapi: the resources' annotations, the schemas of
 * dev.baton.manager.openapi, and its CommonResponses filter for the statuses every operation shares.
 */
@ApplicationPath("api")
@OpenAPIDefinition(
    info =
        @Info(
            title = "Baton",
            version = "1.0",
            description = "A distributed task system: tasks, workers, events. JSON in snake_case, statuses in upper case, times"
                + " in ISO-8601 UTC. Every error is an RFC 9457 problem detail (application/problem+json) naming the field and"
                + " the reason; a refused request stores nothing."))
public class BatonApplication extends Application {}
