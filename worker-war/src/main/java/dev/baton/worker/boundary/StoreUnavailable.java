package dev.baton.worker.boundary;

import dev.baton.json.Jsonp;
import dev.baton.store.StoreUnavailableException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Redis unavailable while the worker's API needed it: 503 problem+json, never a stack trace. */
@Provider
public class StoreUnavailable implements ExceptionMapper<StoreUnavailableException> {
  @Context UriInfo uri;

  @Override
  public Response toResponse(StoreUnavailableException e) {
    return Response.status(503)
        .type("application/problem+json")
        .header("Retry-After", "1")
        .entity(
            Jsonp.object()
                .add("type", "urn:baton:problem:store-unavailable")
                .add("title", "Service unavailable")
                .add("status", 503)
                .add("detail", "Redis is unavailable, so this worker cannot tell which of its tasks are yours; try again shortly.")
                .add("instance", uri == null ? "" : uri.getRequestUri().getPath())
                .build()
                .toString())
        .build();
  }
}
