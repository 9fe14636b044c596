package dev.baton.worker.boundary;

import dev.baton.json.Jsonp;
import dev.baton.security.Role;
import dev.baton.store.RedisTaskStore;
import dev.baton.worker.config.WorkerSettings;
import dev.baton.worker.handlers.HandlerRegistry;
import dev.baton.worker.lifecycle.Heartbeats;
import dev.baton.worker.slots.SlotPool;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What this worker process is doing, straight from the process (the cluster view is the manager's). */
@RolesAllowed(Role.ANY_CALLER) // any caller: it only reads (ADR 0048)
@Path("worker")
@Tag(name = "worker", description = "This worker process: its identity, slots, running tasks and handlers.")
@RequestScoped
public class WorkerResource {
  @Inject WorkerSettings settings;
  @Inject SlotPool slots;
  @Inject HandlerRegistry handlers;
  @Inject Heartbeats heartbeats;
  @Inject RedisTaskStore store;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "What this worker process is doing",
      description = "Straight from the process: to an admin without Redis (it answers while the worker is cut off from the"
          + " cluster too); to anyone else with their own running tasks only, which it asks Redis for (503 while Redis is down).")
  // The answer is built by hand (a JsonObject), so the generator cannot see its shape: it is stated here.
  @APIResponse(
      responseCode = "200",
      description = "This worker now.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema =
                  @Schema(
                      type = SchemaType.OBJECT,
                      properties = {
                        @SchemaProperty(
                            name = "worker_id", type = SchemaType.STRING, description = "Its baton.worker.id.", example = "worker-1"),
                        @SchemaProperty(
                            name = "incarnation",
                            type = SchemaType.STRING,
                            description = "This process's incarnation: new at each start, so a restarted worker is told from its"
                                + " earlier self."),
                        @SchemaProperty(name = "slots", type = SchemaType.INTEGER, description = "Tasks it runs at once."),
                        @SchemaProperty(name = "busy", type = SchemaType.INTEGER, description = "Slots in use now."),
                        @SchemaProperty(
                            name = "running_tasks",
                            type = SchemaType.ARRAY,
                            implementation = String.class,
                            description = "The ids of the tasks it runs now: for an admin all of them, for anyone else their own (busy"
                                + " counts all)."),
                        @SchemaProperty(
                            name = "types",
                            type = SchemaType.ARRAY,
                            implementation = String.class,
                            description = "The task types it runs (baton.worker.types)."),
                        @SchemaProperty(
                            name = "last_heartbeat",
                            type = SchemaType.STRING,
                            description = "When its last heartbeat reached Redis (ISO-8601); empty before the first.",
                            example = "2024-11-24T20:26:40.123Z")
                      })))
  public JsonObject describe(@Context SecurityContext caller) {
    var last = heartbeats.lastSuccess();
    List<String> running = slots.runningTaskIds();
    if (!caller.isUserInRole(Role.ADMIN.id())) {
      // someone else's tasks are no business of a viewer or operator (the manager's lists say the same); this needs Redis
      String user = caller.getUserPrincipal().getName();
      running = running.stream().filter(id -> user.equals(store.ownerOf(id))).toList();
    }
    return Jsonp.object()
        .add("worker_id", settings.workerId())
        .add("incarnation", settings.incarnation())
        .add("slots", settings.slots())
        .add("busy", slots.busy())
        .add("running_tasks", Jsonp.array(running))
        .add("types", Jsonp.array(handlers.types()))
        .add("last_heartbeat", last == null ? "" : last.toString())
        .build();
  }
}
