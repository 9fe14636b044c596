package dev.baton.manager.workers.boundary;

import dev.baton.cluster.FailureMode;
import dev.baton.manager.cluster.entity.CommandSent;
import dev.baton.manager.openapi.ApiDocs;
import dev.baton.manager.openapi.FailRequestSchema;
import dev.baton.manager.openapi.OverloadRequestSchema;
import dev.baton.manager.operations.Operations;
import dev.baton.manager.problems.JsonBodies;
import dev.baton.manager.refusal.Refusal;
import dev.baton.manager.workers.control.WorkerLookup;
import dev.baton.manager.workers.entity.WorkerList;
import dev.baton.manager.workers.entity.WorkerView;
import dev.baton.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Workers: their status, slots, running tasks, last heartbeat and load; simulated failures and overload. */
@RolesAllowed(Role.ANY_CALLER) // any caller: the actions check each role (Operations); ADR 0048
@Path("workers")
@Tag(name = "workers", description = "The workers the cluster has seen; simulated failures and overload, recovery, restart.")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class WorkersResource {
  private static final long MAX_BODY = 4096;

  @Inject dev.baton.manager.security.Callers callers;
  @Inject dev.baton.manager.tasks.control.TaskOwners owners;
  @Inject WorkerLookup workers;
  @Inject Operations ops;

  @GET
  @Operation(summary = "All workers")
  @APIResponse(
      responseCode = "200",
      description = "Every worker the cluster has seen, alive or not.",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = WorkerList.class)))
  public WorkerList list() {
    Instant now = Instant.now();
    var me = callers.api();
    List<WorkerView> all = workers.all().stream().map(w -> visible(WorkerView.of(w, now), me)).toList();
    return new WorkerList(all, all.size());
  }

  @GET
  @Path("{id}")
  @Operation(summary = "One worker")
  @APIResponse(
      responseCode = "200",
      description = "The worker: status, lease, slots, running tasks, load, types, queues.",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = WorkerView.class)))
  @APIResponse(responseCode = "404", description = "No worker with this id.")
  public WorkerView get(
      @Parameter(description = "The worker's id (baton.worker.id).", required = true, example = "worker-2")
          @PathParam("id")
          String id) {
    return visible(WorkerView.of(workers.get(id), Instant.now()), callers.api());
  }

  @POST
  @Path("{id}/fail")
  @Operation(
      summary = "Make a worker fail on purpose",
      description = "Body {\"mode\": \"crash\" | \"hang\" | \"partition\"} (default crash). crash halts the process; hang"
          + " stops heartbeats and work with its broker connection open; partition stops heartbeats while work goes on.")
  @RequestBody(
      required = false,
      description = "Optional, at most 4 KiB.",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = FailRequestSchema.class)))
  @APIResponse(
      responseCode = "202",
      description = "The command is on its way; the worker acts on it within moments.",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = CommandSent.class)))
  @APIResponse(responseCode = "404", description = "No worker with this id.")
  @APIResponse(responseCode = "409", description = "The worker is not alive.")
  @APIResponse(
      responseCode = "422",
      description = "A mode other than crash, hang or partition, an unknown field, a body that is not an object.")
  @APIResponse(
      responseCode = "503",
      description = "The broker is unavailable, so the command was not sent; or Redis is (then with Retry-After: 1).")
  public Response fail(
      @Parameter(description = "The worker's id (baton.worker.id).", required = true, example = "worker-2")
          @PathParam("id")
          String id,
      InputStream body) {
    JsonObject request = JsonBodies.readOptionalObject(body, MAX_BODY);
    onlyFields(request, Set.of("mode"));
    FailureMode mode = FailureMode.CRASH;
    JsonValue m = request.get("mode");
    if (m != null && m != JsonValue.NULL) {
      try {
        mode = FailureMode.valueOf(((JsonString) m).getString().toUpperCase(Locale.ROOT));
      } catch (ClassCastException | IllegalArgumentException e) {
        throw Refusal.invalid("mode", "must be one of crash, hang, partition");
      }
    }
    return Response.accepted(ops.fail(id, mode, callers.api())).build();
  }

  @POST
  @Path("{id}/overload")
  @Operation(
      summary = "Make a worker slower",
      description = "Body {\"factor\": 3, \"duration_s\": 60} (both optional). The worker runs every step factor times as"
          + " long and reports OVERLOADED; the balancer moves tasks away from it. Ends by itself or with /recover.")
  @RequestBody(
      required = false,
      description = "Optional, at most 4 KiB.",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = OverloadRequestSchema.class)))
  @APIResponse(
      responseCode = "202",
      description = "The command is on its way; the worker acts on it within moments.",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = CommandSent.class)))
  @APIResponse(responseCode = "404", description = "No worker with this id.")
  @APIResponse(responseCode = "409", description = "The worker is not alive.")
  @APIResponse(
      responseCode = "422",
      description = "factor not a number above 1 and at most 20, duration_s not an integer from 1 to 3600, an unknown field, a body"
          + " that is not an object.")
  @APIResponse(
      responseCode = "503",
      description = "The broker is unavailable, so the command was not sent; or Redis is (then with Retry-After: 1).")
  public Response overload(
      @Parameter(description = "The worker's id (baton.worker.id).", required = true, example = "worker-2")
          @PathParam("id")
          String id,
      InputStream body) {
    JsonObject request = JsonBodies.readOptionalObject(body, MAX_BODY);
    onlyFields(request, Set.of("factor", "duration_s"));
    double factor = 3.0;
    int seconds = 60;
    if (request.get("factor") instanceof JsonNumber f) {
      factor = f.doubleValue();
    } else if (request.containsKey("factor") && !request.isNull("factor")) {
      factor = -1;
    }
    if (factor <= 1.0 || factor > 20.0) {
      throw Refusal.invalid("factor", "must be a number above 1 and at most 20");
    }
    if (request.get("duration_s") instanceof JsonNumber d && d.isIntegral() && d.longValue() >= 1 && d.longValue() <= 3600) {
      seconds = d.intValue();
    } else if (request.containsKey("duration_s") && !request.isNull("duration_s")) {
      throw Refusal.invalid("duration_s", "must be an integer from 1 to 3600");
    }
    return Response.accepted(ops.overload(id, factor, seconds, callers.api())).build();
  }

  @POST
  @Path("{id}/recover")
  @Operation(
      summary = "Undo a simulated hang, partition or overload",
      description = "Sent whether or not the worker is alive: a hung worker still listens for it.")
  @APIResponse(
      responseCode = "202",
      description = "The command is on its way.",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = CommandSent.class)))
  @APIResponse(responseCode = "404", description = "No worker with this id.")
  @APIResponse(
      responseCode = "503",
      description = "The broker is unavailable, so the command was not sent; or Redis is (then with Retry-After: 1).")
  public Response recover(
      @Parameter(description = "The worker's id (baton.worker.id).", required = true, example = "worker-2")
          @PathParam("id")
          String id) {
    return Response.accepted(ops.recover(id, callers.api())).build();
  }

  @POST
  @Path("{id}/restart")
  @Operation(
      summary = "Start a stopped or crashed worker's process again",
      description = "Only where the cluster was started by demo.sh (the manager calls it back); answers once the worker is"
          + " ready. 409 where there is no launcher.",
      extensions = @Extension(name = ApiDocs.NO_STORE, value = "true"))
  @APIResponse(
      responseCode = "200",
      description = "Started and ready; detail is what the launcher said.",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = CommandSent.class)))
  @APIResponse(
      responseCode = "409",
      description = "No launcher started this manager, the id is not worker-N, or the launcher failed or took over 300 s.")
  public Response restart(
      @Parameter(description = "The worker's id (baton.worker.id).", required = true, example = "worker-2")
          @PathParam("id")
          String id) {
    return Response.ok(ops.restart(id, callers.api())).build();
  }

  private static void onlyFields(JsonObject request, Set<String> known) {
    for (String key : request.keySet()) {
      if (!known.contains(key)) {
        throw Refusal.invalid(key, "is not a field of this command; known: " + String.join(", ", known));
      }
    }
  }

  /** A viewer's or operator's view names only their own running tasks. */
  private WorkerView visible(WorkerView w, dev.baton.manager.operations.Actor actor) {
    return actor.seesAll() ? w : w.onlyTasks(id -> String.valueOf(actor.user()).equals(owners.ownerOf(id)));
  }
}
