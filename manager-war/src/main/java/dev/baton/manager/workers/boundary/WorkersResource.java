package dev.baton.manager.workers.boundary;

import dev.baton.manager.problems.ProblemException;
import dev.baton.manager.workers.entity.WorkerList;
import dev.baton.manager.workers.entity.WorkerView;
import dev.baton.store.RedisWorkerRegistry;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Workers: their status, slots, running tasks, last heartbeat and load. */
@Path("workers")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class WorkersResource {
  @Inject RedisWorkerRegistry registry;

  @GET
  @Operation(summary = "All workers")
  public WorkerList list() {
    Instant now = Instant.now();
    List<WorkerView> workers = registry.all().stream().map(w -> WorkerView.of(w, now)).toList();
    return new WorkerList(workers, workers.size());
  }

  @GET
  @Path("{id}")
  @Operation(summary = "One worker")
  public WorkerView get(@PathParam("id") String id) {
    return registry.find(id).map(w -> WorkerView.of(w, Instant.now())).orElseThrow(() -> ProblemException.notFound("no worker with id " + id));
  }
}
