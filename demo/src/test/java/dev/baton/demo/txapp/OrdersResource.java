package dev.baton.demo.txapp;

import dev.baton.client.Task;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** POST /orders?label=..&refuse=true|false&transaction=true|false: what the after-commit submission answered. */
@Path("orders")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class OrdersResource {
  @Inject Orders orders;

  @GET
  public String ready() {
    return "{\"ready\":true}";
  }

  @POST
  public JsonObject place(@QueryParam("label") String label, @QueryParam("refuse") boolean refuse, @QueryParam("transaction") boolean tx) {
    try {
      if (tx) {
        orders.place(label, refuse);
      } else {
        orders.placeWithoutTransaction(label);
      }
    } catch (Orders.Refused expected) {
      // rolled back
    }
    // Both transaction phases have run by now, in this thread: the answer is complete.
    CompletableFuture<Task> answer = orders.submission(label).toCompletableFuture();
    if (!answer.isDone()) {
      return Json.createObjectBuilder().add("done", false).build();
    }
    try {
      return Json.createObjectBuilder().add("done", true).add("task_id", answer.join().id()).build();
    } catch (CompletionException e) {
      return Json.createObjectBuilder().add("done", true).add("failure", e.getCause().getClass().getSimpleName()).build();
    }
  }
}
