package dev.baton.manager.schedules.boundary;

import dev.baton.json.Jsonp;
import dev.baton.manager.openapi.ApiDocs;
import dev.baton.manager.openapi.ScheduleListSchema;
import dev.baton.manager.openapi.ScheduleRequestSchema;
import dev.baton.manager.openapi.TriggeredSchema;
import dev.baton.manager.operations.Operations;
import dev.baton.manager.problems.JsonBodies;
import dev.baton.manager.schedules.control.Schedules;
import dev.baton.manager.schedules.entity.ScheduleView;
import dev.baton.security.Role;
import jakarta.annotation.security.RolesAllowed;
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
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Periodic tasks (Celery Beat): a cron expression in a time zone and the task each tick creates. */
@RolesAllowed(Role.ANY_CALLER) // any caller: the actions check each role (Operations); ADR 0048
@Path("schedules")
@Tag(name = "schedules", description = "Periodic tasks: a cron expression in a time zone and the task each tick creates, once per tick.")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SchedulesResource {
  private static final long MAX_BODY = 2L << 20;

  @Inject dev.baton.manager.security.Callers callers;
  @Inject Operations ops;
  @Inject Schedules schedules;

  @POST
  @Operation(
      summary = "Create a schedule",
      description = "{\"name\": \"nightly\", \"cron\": \"0 3 * * *\" (5 fields, or 6 with seconds first), \"time_zone\":"
          + " \"Europe/Berlin\" (default UTC), \"task\": {a task request}, \"overlap\": \"skip\" (default: a tick whose previous"
          + " task has not ended creates nothing) or \"allow\"}. 201; 409 if the name is taken.")
  @RequestBody(
      required = true,
      description = "The schedule, at most 2 MiB.",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ScheduleRequestSchema.class)))
  @APIResponse(
      responseCode = "201",
      description = "Created, with its next fire.",
      headers = @Header(name = ApiDocs.LOCATION, description = "The schedule's URL."),
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ScheduleView.class)))
  @APIResponse(responseCode = "409", description = "A schedule of this name exists (PUT changes it).")
  @APIResponse(
      responseCode = "413",
      description = "The task's data over baton.api.max-data-bytes (1 MiB), or the body over 2 MiB.")
  @APIResponse(
      responseCode = "422",
      description = "Fields missing or wrong, each named: name, cron, time_zone, overlap, the task's fields (task.type, ...), a field"
          + " not allowed in a schedule's task, an unknown field, a body that is not an object.")
  public Response create(InputStream body) {
    ScheduleView s = ops.createSchedule(JsonBodies.read(body, MAX_BODY), callers.api());
    return Response.created(UriBuilder.fromResource(SchedulesResource.class).path(s.name()).build()).entity(s).build();
  }

  @GET
  @Operation(summary = "Every schedule with its next and last fire")
  @APIResponse(
      responseCode = "200",
      description = "Every schedule.",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ScheduleListSchema.class)))
  public JsonObject list() {
    List<ScheduleView> all = schedules.all();
    return Jsonp.object().add("schedules", Jsonp.parse(dev.baton.manager.config.JsonBinding.JSONB.toJson(all))).add("count", all.size()).build();
  }

  @GET
  @Path("{name}")
  @Operation(summary = "One schedule with its next and last fire")
  @APIResponse(
      responseCode = "200",
      description = "The schedule.",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ScheduleView.class)))
  @APIResponse(responseCode = "404", description = "No schedule of this name.")
  public ScheduleView get(
      @Parameter(description = "The schedule's name.", required = true, example = "nightly-report")
          @PathParam("name")
          String name) {
    return schedules.find(name);
  }

  @PUT
  @Path("{name}")
  @Operation(
      summary = "Change a schedule's cron, time zone, task or overlap (a paused one stays paused)",
      description = "Replaces all four: a field left out takes its default (time_zone UTC, overlap skip); the next fire is"
          + " computed anew.")
  @RequestBody(
      required = true,
      description = "The schedule, at most 2 MiB; name may be left out.",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ScheduleRequestSchema.class)))
  @APIResponse(
      responseCode = "200",
      description = "Changed.",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ScheduleView.class)))
  @APIResponse(responseCode = "404", description = "No schedule of this name.")
  @APIResponse(
      responseCode = "413",
      description = "The task's data over baton.api.max-data-bytes (1 MiB), or the body over 2 MiB.")
  @APIResponse(
      responseCode = "422",
      description = "Fields missing or wrong, each named, as for a new schedule; or a name other than the path's.")
  public ScheduleView update(
      @Parameter(description = "The schedule's name.", required = true, example = "nightly-report")
          @PathParam("name")
          String name,
      InputStream body) {
    return ops.updateSchedule(name, JsonBodies.read(body, MAX_BODY), callers.api());
  }

  @DELETE
  @Path("{name}")
  @Operation(summary = "Delete a schedule; the tasks it created stay")
  @APIResponse(responseCode = "204", description = "Deleted; tasks it created stay.")
  @APIResponse(responseCode = "404", description = "No schedule of this name.")
  public Response delete(
      @Parameter(description = "The schedule's name.", required = true, example = "nightly-report")
          @PathParam("name")
          String name) {
    ops.deleteSchedule(name, callers.api());
    return Response.noContent().build();
  }

  @POST
  @Path("{name}/pause")
  @Operation(summary = "Pause: no tick creates a task until it is resumed")
  @APIResponse(
      responseCode = "200",
      description = "Paused (pausing a paused one changes nothing).",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ScheduleView.class)))
  @APIResponse(responseCode = "404", description = "No schedule of this name.")
  public ScheduleView pause(
      @Parameter(description = "The schedule's name.", required = true, example = "nightly-report")
          @PathParam("name")
          String name) {
    return ops.pauseSchedule(name, callers.api());
  }

  @POST
  @Path("{name}/resume")
  @Operation(summary = "Resume: the next tick is the first after now (ticks missed while paused are not made up)")
  @APIResponse(
      responseCode = "200",
      description = "Resumed, with its next fire.",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = ScheduleView.class)))
  @APIResponse(responseCode = "404", description = "No schedule of this name.")
  public ScheduleView resume(
      @Parameter(description = "The schedule's name.", required = true, example = "nightly-report")
          @PathParam("name")
          String name) {
    return ops.resumeSchedule(name, callers.api());
  }

  @POST
  @Path("{name}/trigger")
  @Operation(
      summary = "Create the schedule's task now, besides its ticks. 202 with {\"task_id\"}",
      description = "Also while paused, and whatever its overlap says.")
  @APIResponse(
      responseCode = "202",
      description = "Created and on its way to a worker.",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = TriggeredSchema.class)))
  @APIResponse(responseCode = "404", description = "No schedule of this name.")
  @APIResponse(
      responseCode = "422",
      description = "Its task is no longer valid (e.g. no live worker registered its type any more); nothing was created.")
  public Response trigger(
      @Parameter(description = "The schedule's name.", required = true, example = "nightly-report")
          @PathParam("name")
          String name) {
    String id = ops.triggerSchedule(name, callers.api());
    return Response.accepted(Jsonp.object().add("task_id", id).build()).build();
  }
}
