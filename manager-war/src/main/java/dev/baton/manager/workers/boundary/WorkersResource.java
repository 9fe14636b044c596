package dev.baton.manager.workers.boundary;

import dev.baton.cluster.FailureMode;
import dev.baton.manager.operations.Actor;
import dev.baton.manager.operations.Operations;
import dev.baton.manager.workers.control.WorkerLookup;
import dev.baton.manager.problems.JsonBodies;
import dev.baton.manager.refusal.Refusal;
import dev.baton.manager.workers.entity.WorkerList;
import dev.baton.manager.workers.entity.WorkerView;
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

/** Workers: their status, slots, running tasks, last heartbeat and load; simulated failures and overload. */
@Path("workers")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class WorkersResource {
  private static final long MAX_BODY = 4096;

  @Inject WorkerLookup workers;
  @Inject Operations ops;

  @GET
  @Operation(summary = "All workers")
  public WorkerList list() {
    Instant now = Instant.now();
    List<WorkerView> all = workers.all().stream().map(w -> WorkerView.of(w, now)).toList();
    return new WorkerList(all, all.size());
  }

  @GET
  @Path("{id}")
  @Operation(summary = "One worker")
  public WorkerView get(@PathParam("id") String id) {
    return WorkerView.of(workers.get(id), Instant.now());
  }

  @POST
  @Path("{id}/fail")
  @Operation(
      summary = "Make a worker fail on purpose",
      description = "Body {\"mode\": \"crash\" | \"hang\" | \"partition\"} (default crash). crash halts the process; hang"
          + " stops heartbeats and work with its broker connection open; partition stops heartbeats while work goes on.")
  public Response fail(@PathParam("id") String id, InputStream body) {
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
    return Response.accepted(ops.fail(id, mode, Actor.API)).build();
  }

  @POST
  @Path("{id}/overload")
  @Operation(
      summary = "Make a worker slower",
      description = "Body {\"factor\": 3, \"duration_s\": 60} (both optional). The worker runs every step factor times as"
          + " long and reports OVERLOADED; the balancer moves tasks away from it. Ends by itself or with /recover.")
  public Response overload(@PathParam("id") String id, InputStream body) {
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
    return Response.accepted(ops.overload(id, factor, seconds, Actor.API)).build();
  }

  @POST
  @Path("{id}/recover")
  @Operation(summary = "Undo a simulated hang, partition or overload")
  public Response recover(@PathParam("id") String id) {
    return Response.accepted(ops.recover(id, Actor.API)).build();
  }

  @POST
  @Path("{id}/restart")
  @Operation(
      summary = "Start a stopped or crashed worker's process again",
      description = "Only where the cluster was started by demo.sh (the manager calls it back); answers once the worker is"
          + " ready. 409 where there is no launcher.")
  public Response restart(@PathParam("id") String id) {
    return Response.ok(ops.restart(id, Actor.API)).build();
  }

  private static void onlyFields(JsonObject request, Set<String> known) {
    for (String key : request.keySet()) {
      if (!known.contains(key)) {
        throw Refusal.invalid(key, "is not a field of this command; known: " + String.join(", ", known));
      }
    }
  }
}
