package dev.baton.manager.queues.boundary;

import dev.baton.json.Jsonp;
import dev.baton.manager.config.JsonBinding;
import dev.baton.manager.openapi.ApiDocs;
import dev.baton.manager.openapi.QueueLimitsSchema;
import dev.baton.manager.openapi.QueueListSchema;
import dev.baton.manager.operations.Operations;
import dev.baton.manager.problems.JsonBodies;
import dev.baton.manager.queues.control.QueueControl;
import dev.baton.manager.queues.entity.QueueView;
import dev.baton.queue.QueueState;
import dev.baton.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Named queues: a task's {@code queue} field (default {@code default}) puts it in one; workers take from the
 * queues in {@code baton.worker.queues} (default: all). State and limits hold across the whole cluster and
 * survive restarts (they live in Redis).
 */
@RolesAllowed(Role.ANY_CALLER) // any caller: the actions check each role (Operations); ADR 0048
@Path("queues")
@Tag(name = "queues", description = "Named queues: state (pause, stop, resume) and limits (concurrency, rate) across the cluster.")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class QueuesResource {
  private static final long MAX_BODY = 4 * 1024;

  @Inject dev.baton.manager.security.Callers callers;
  @Inject Operations ops;
  @Inject QueueControl queues;

  @GET
  @Operation(
      summary = "Every queue: state, limits, tasks per status, running, parked, throughput, mean wait and run time",
      description = "throughput_per_s over the last minute; mean_wait_ms (submit to first start) and mean_run_ms (first start to"
          + " completion) over every task the queue completed.")
  @APIResponse(
      responseCode = "200",
      description = "Every queue a task named or someone configured.",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = QueueListSchema.class)))
  public JsonObject list() {
    List<QueueView> all = queues.all();
    return Jsonp.object().add("queues", Jsonp.parse(JsonBinding.JSONB.toJson(all))).add("count", all.size()).build();
  }

  @GET
  @Path("{name}")
  @Operation(summary = "One queue")
  @APIResponse(
      responseCode = "200",
      description = "The queue.",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = QueueView.class)))
  @APIResponse(responseCode = "404", description = "No task ever named it and nobody configured it.")
  @APIResponse(responseCode = "422", description = "The name breaks the rule for queue names.")
  public QueueView get(
      @Parameter(description = "The queue's name: " + ApiDocs.QUEUE_RULE, required = true, example = "gpu") @PathParam("name")
          String name) {
    return queues.find(name);
  }

  @PUT
  @Path("{name}")
  @Operation(
      summary = "Set a queue's limits",
      description = "{\"concurrency\": N, \"rate_limit\": {\"max\": M, \"per_s\": S}}: at most N of its tasks run at once and at most"
          + " M start within any S seconds, across every worker. A limit left out or null is removed. Tasks over a limit wait"
          + " (parked) and start in priority order as the limits let them.")
  @RequestBody(
      required = true,
      description = "The limits, at most 4 KiB; {} removes both.",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = QueueLimitsSchema.class)))
  @APIResponse(
      responseCode = "200",
      description = "The queue with its new limits (a queue nobody used yet is set up in advance).",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = QueueView.class)))
  @APIResponse(
      responseCode = "422",
      description = "concurrency not a whole number from 1 to 100,000, a bad rate_limit, an unknown field, a bad name, a body that is"
          + " not an object.")
  public QueueView configure(
      @Parameter(description = "The queue's name: " + ApiDocs.QUEUE_RULE, required = true, example = "gpu") @PathParam("name")
          String name,
      InputStream body) {
    return ops.configureQueue(name, JsonBodies.read(body, MAX_BODY), callers.api());
  }

  @PUT
  @Path("{name}/owner")
  @Operation(
      summary = "Give a queue an owner",
      description = "{\"owner\": \"alice\"}: besides the admins, alice may pause, resume, stop and start it; {\"owner\": null}: only"
          + " admins may. A queue nobody owns - default among them - is shared by everyone who submits to it. Admins only.")
  @RequestBody(
      required = true,
      description = "The owner, a user's name, or null.",
      content =
          @Content(
              mediaType = ApiDocs.JSON,
              schema =
                  @Schema(
                      type = SchemaType.OBJECT,
                      properties = @SchemaProperty(name = "owner", type = SchemaType.STRING, nullable = true, example = "alice"))))
  @APIResponse(
      responseCode = "200",
      description = "The queue with its owner.",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = QueueView.class)))
  @APIResponse(responseCode = "422", description = "owner missing, not a string or null, or naming no user; a bad queue name.")
  public QueueView owner(
      @Parameter(description = "The queue's name: " + ApiDocs.QUEUE_RULE, required = true, example = "gpu") @PathParam("name")
          String name,
      InputStream body) {
    return ops.setQueueOwner(name, JsonBodies.read(body, MAX_BODY), callers.api());
  }

  @POST
  @Path("{name}/pause")
  @Operation(summary = "Pause: nothing new starts; running tasks finish")
  @APIResponse(
      responseCode = "200",
      description = "Paused: the queue as it is now (a queue nobody used yet is set up in advance).",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = QueueView.class)))
  @APIResponse(responseCode = "422", description = "The name breaks the rule for queue names.")
  public QueueView pause(
      @Parameter(description = "The queue's name: " + ApiDocs.QUEUE_RULE, required = true, example = "gpu") @PathParam("name")
          String name) {
    return ops.setQueueState(name, QueueState.PAUSED, callers.api());
  }

  @POST
  @Path("{name}/resume")
  @Operation(summary = "Resume a paused or stopped queue: its tasks start again (stopped ones from their checkpoints)")
  @APIResponse(
      responseCode = "200",
      description = "Active again: the queue as it is now (a queue nobody used yet is set up in advance).",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = QueueView.class)))
  @APIResponse(responseCode = "422", description = "The name breaks the rule for queue names.")
  public QueueView resume(
      @Parameter(description = "The queue's name: " + ApiDocs.QUEUE_RULE, required = true, example = "gpu") @PathParam("name")
          String name) {
    return ops.setQueueState(name, QueueState.ACTIVE, callers.api());
  }

  @POST
  @Path("{name}/stop")
  @Operation(
      summary = "Stop: nothing new starts, and running tasks checkpoint at their next step boundary and wait",
      description = "They resume from that checkpoint, on any worker, after start or resume.")
  @APIResponse(
      responseCode = "200",
      description = "Stopped: the queue as it is now (a queue nobody used yet is set up in advance).",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = QueueView.class)))
  @APIResponse(responseCode = "422", description = "The name breaks the rule for queue names.")
  public QueueView stop(
      @Parameter(description = "The queue's name: " + ApiDocs.QUEUE_RULE, required = true, example = "gpu") @PathParam("name")
          String name) {
    return ops.setQueueState(name, QueueState.STOPPED, callers.api());
  }

  @POST
  @Path("{name}/start")
  @Operation(summary = "Start a stopped or paused queue (the same as resume)")
  @APIResponse(
      responseCode = "200",
      description = "Active again: the queue as it is now (a queue nobody used yet is set up in advance).",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = QueueView.class)))
  @APIResponse(responseCode = "422", description = "The name breaks the rule for queue names.")
  public QueueView start(
      @Parameter(description = "The queue's name: " + ApiDocs.QUEUE_RULE, required = true, example = "gpu") @PathParam("name")
          String name) {
    return ops.setQueueState(name, QueueState.ACTIVE, callers.api());
  }
}
