package dev.baton.manager.schedules.boundary;

import dev.baton.json.Jsonp;
import dev.baton.manager.operations.Actor;
import dev.baton.manager.operations.Operations;
import dev.baton.manager.problems.JsonBodies;
import dev.baton.manager.schedules.control.Schedules;
import dev.baton.manager.schedules.entity.ScheduleView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.io.InputStream;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Periodic tasks (Celery Beat): a cron expression in a time zone and the task each tick creates. */
@Path("schedules")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SchedulesResource {
  private static final long MAX_BODY = 2L << 20;

  @Inject Operations ops;
  @Inject Schedules schedules;

  @POST
  @Operation(
      summary = "Create a schedule",
      description = "{\"name\": \"nightly\", \"cron\": \"0 3 * * *\" (5 fields, or 6 with seconds first), \"time_zone\":"
          + " \"Europe/Berlin\" (default UTC), \"task\": {a task request}, \"overlap\": \"skip\" (default: a tick whose previous"
          + " task has not ended creates nothing) or \"allow\"}. 201; 409 if the name is taken.")
  @APIResponse(responseCode = "201", description = "created")
  public Response create(InputStream body) {
    ScheduleView s = ops.createSchedule(JsonBodies.read(body, MAX_BODY), Actor.API);
    return Response.created(UriBuilder.fromResource(SchedulesResource.class).path(s.name()).build()).entity(s).build();
  }

  @GET
  @Operation(summary = "Every schedule with its next and last fire")
  public JsonObject list() {
    List<ScheduleView> all = schedules.all();
    return Jsonp.object().add("schedules", Jsonp.parse(dev.baton.manager.config.JsonBinding.JSONB.toJson(all))).add("count", all.size()).build();
  }

  @GET
  @Path("{name}")
  public ScheduleView get(@PathParam("name") String name) {
    return schedules.find(name);
  }

  @PUT
  @Path("{name}")
  @Operation(summary = "Change a schedule's cron, time zone, task or overlap (a paused one stays paused)")
  public ScheduleView update(@PathParam("name") String name, InputStream body) {
    return ops.updateSchedule(name, JsonBodies.read(body, MAX_BODY), Actor.API);
  }

  @DELETE
  @Path("{name}")
  @APIResponse(responseCode = "204", description = "deleted; tasks it created stay")
  public Response delete(@PathParam("name") String name) {
    ops.deleteSchedule(name, Actor.API);
    return Response.noContent().build();
  }

  @POST
  @Path("{name}/pause")
  public ScheduleView pause(@PathParam("name") String name) {
    return ops.pauseSchedule(name, Actor.API);
  }

  @POST
  @Path("{name}/resume")
  @Operation(summary = "Resume: the next tick is the first after now (ticks missed while paused are not made up)")
  public ScheduleView resume(@PathParam("name") String name) {
    return ops.resumeSchedule(name, Actor.API);
  }

  @POST
  @Path("{name}/trigger")
  @Operation(summary = "Create the schedule's task now, besides its ticks. 202 with {\"task_id\"}")
  public Response trigger(@PathParam("name") String name) {
    String id = ops.triggerSchedule(name, Actor.API);
    return Response.accepted(Jsonp.object().add("task_id", id).build()).build();
  }
}
