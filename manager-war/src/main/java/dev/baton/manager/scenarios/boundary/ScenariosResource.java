package dev.baton.manager.scenarios.boundary;

import dev.baton.json.Jsonp;
import dev.baton.manager.config.JsonbConfigurator;
import dev.baton.manager.openapi.ApiDocs;
import dev.baton.manager.openapi.ScenarioCatalogueSchema;
import dev.baton.manager.operations.Operations;
import dev.baton.manager.scenarios.control.ScenarioEngine;
import dev.baton.manager.scenarios.entity.ScenarioRun;
import dev.baton.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The demo scenarios, run inside the manager: demo.sh starts them here and prints their narration; the
 * console shows the same runs.
 */
@RolesAllowed(Role.ANY_CALLER) // any caller: the actions check each role (Operations); ADR 0048
@Path("scenarios")
@Tag(name = "scenarios", description = "The demo scenarios, run inside the manager one at a time: start, follow, abort.")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ScenariosResource {
  @Inject dev.baton.manager.security.Callers callers;
  @Inject ScenarioEngine engine;
  @Inject Operations ops;

  @GET
  @Operation(
      summary = "The scenarios one can run, and the run under way or last run",
      extensions = @Extension(name = ApiDocs.NO_STORE, value = "true"))
  @APIResponse(
      responseCode = "200",
      description = "The catalogue.",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ScenarioCatalogueSchema.class)))
  public JsonObject list() {
    var b =
        Jsonp.object()
            .add("scenarios", Jsonp.parse(JsonbConfigurator.JSONB.toJson(engine.catalogue())))
            .add("restarts_workers", engine.canRestartWorkers());
    engine.current().ifPresent(r -> b.add("current", Jsonp.parse(JsonbConfigurator.JSONB.toJson(r))));
    return b.build();
  }

  @POST
  @Path("{name}/runs")
  @Operation(
      summary = "Run a scenario",
      description = "202 with the run; follow it at the Location. 404 for an unknown scenario, 409 while another runs or with"
          + " fewer than three live workers.")
  @APIResponse(
      responseCode = "202",
      description = "Started; the run as it begins.",
      headers = @Header(name = ApiDocs.LOCATION, description = "The run's URL: /api/scenarios/runs/{id}."),
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ScenarioRun.class)))
  @APIResponse(responseCode = "404", description = "No scenario of this name (the known ones are listed).")
  @APIResponse(responseCode = "409", description = "Another scenario runs, or fewer than three workers are live.")
  public Response start(
      @Parameter(
              description = "The scenario: demo-scenario, demo-load-balancing, demo-cascade or demo-workflow.",
              required = true,
              example = "demo-scenario")
          @PathParam("name")
          String name) {
    ScenarioRun run = ops.startScenario(name, callers.api());
    return Response.accepted(run).location(UriBuilder.fromResource(ScenariosResource.class).path("runs").path(run.id()).build()).build();
  }

  @GET
  @Path("runs/{id}")
  @Operation(
      summary = "A run: its steps, its narration so far, and at the end its summary and verdict",
      extensions = @Extension(name = ApiDocs.NO_STORE, value = "true"))
  @APIResponse(
      responseCode = "200",
      description = "The run as it stands.",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ScenarioRun.class)))
  @APIResponse(responseCode = "404", description = "No run with this id among the last 10 of this manager.")
  public ScenarioRun run(
      @Parameter(description = "The run's id, as its start answered it.", required = true) @PathParam("id") String id) {
    return engine.find(id);
  }

  @POST
  @Path("runs/{id}/abort")
  @Operation(
      summary = "Stop a run; it undoes what it broke (overloads, crashed workers where it can)",
      description = "The run stops within moments and ends ABORTED; a run that has ended stays as it is.",
      extensions = @Extension(name = ApiDocs.NO_STORE, value = "true"))
  @APIResponse(
      responseCode = "200",
      description = "The run, asked to stop.",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ScenarioRun.class)))
  @APIResponse(responseCode = "404", description = "No run with this id among the last 10 of this manager.")
  public ScenarioRun abort(
      @Parameter(description = "The run's id, as its start answered it.", required = true) @PathParam("id") String id) {
    return ops.abortScenario(id, callers.api());
  }
}
