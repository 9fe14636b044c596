package dev.baton.worker.boundary;

import dev.baton.json.Jsonp;
import dev.baton.worker.config.WorkerSettings;
import dev.baton.worker.handlers.HandlerRegistry;
import dev.baton.worker.lifecycle.Heartbeats;
import dev.baton.worker.slots.SlotPool;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** What this worker process is doing, straight from the process (the cluster view is the manager's). */
@Path("worker")
@RequestScoped
public class WorkerResource {
  @Inject WorkerSettings settings;
  @Inject SlotPool slots;
  @Inject HandlerRegistry handlers;
  @Inject Heartbeats heartbeats;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public JsonObject describe() {
    var last = heartbeats.lastSuccess();
    return Jsonp.object()
        .add("worker_id", settings.workerId())
        .add("incarnation", settings.incarnation())
        .add("slots", settings.slots())
        .add("busy", slots.busy())
        .add("running_tasks", Jsonp.array(slots.runningTaskIds()))
        .add("types", Jsonp.array(handlers.types()))
        .add("last_heartbeat", last == null ? "" : last.toString())
        .build();
  }
}
