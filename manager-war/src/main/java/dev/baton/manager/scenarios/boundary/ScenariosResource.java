package dev.baton.manager.scenarios.boundary;

import dev.baton.json.Jsonp;
import dev.baton.manager.config.JsonbConfigurator;
import dev.baton.manager.operations.Actor;
import dev.baton.manager.operations.Operations;
import dev.baton.manager.scenarios.control.ScenarioEngine;
import dev.baton.manager.scenarios.entity.ScenarioRun;
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

/**
 * The demo scenarios, run inside the manager: demo.sh starts them here and prints their narration; the
 * console shows the same runs.
 */
@Path("scenarios")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ScenariosResource {
  @Inject ScenarioEngine engine;
  @Inject Operations ops;

  @GET
  @Operation(summary = "The scenarios one can run, and the run under way or last run")
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
  public Response start(@PathParam("name") String name) {
    ScenarioRun run = ops.startScenario(name, Actor.API);
    return Response.accepted(run).location(UriBuilder.fromResource(ScenariosResource.class).path("runs").path(run.id()).build()).build();
  }

  @GET
  @Path("runs/{id}")
  @Operation(summary = "A run: its steps, its narration so far, and at the end its summary and verdict")
  public ScenarioRun run(@PathParam("id") String id) {
    return engine.find(id);
  }

  @POST
  @Path("runs/{id}/abort")
  @Operation(summary = "Stop a run; it undoes what it broke (overloads, crashed workers where it can)")
  public ScenarioRun abort(@PathParam("id") String id) {
    return ops.abortScenario(id, Actor.API);
  }
}
