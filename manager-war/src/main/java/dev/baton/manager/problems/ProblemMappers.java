package dev.baton.manager.problems;

import dev.baton.manager.refusal.Refusal;
import dev.baton.store.StoreUnavailableException;
import jakarta.json.JsonException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every error leaves the API as an RFC 9457 problem detail: the request's own mistakes as 4xx naming the
 * field, Redis unavailable as 503, and anything unexpected as a 500 with a reference to the log, never a
 * stack trace.
 */
public final class ProblemMappers {
  private static final Logger LOG = Logger.getLogger(ProblemMappers.class.getName());

  private ProblemMappers() {}

  static Response respond(Problem p) {
    return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p).build();
  }

  static String path(UriInfo uri) {
    return uri == null ? null : uri.getRequestUri().getPath();
  }

  /** The application's refusals, by kind: the request's own mistakes as 4xx naming the field. */
  @Provider
  public static class Refused implements ExceptionMapper<Refusal> {
    @Context UriInfo uri;

    @Override
    public Response toResponse(Refusal e) {
      Response r = respond(Problem.of(e, path(uri)));
      // back pressure: come back in a second (the workers start hundreds of tasks a second)
      return e.kind() == Refusal.Kind.BUSY ? Response.fromResponse(r).header("Retry-After", "1").build() : r;
    }
  }

  @Provider
  public static class Web implements ExceptionMapper<WebApplicationException> {
    @Context UriInfo uri;

    @Override
    public Response toResponse(WebApplicationException e) {
      Response.StatusType status = e.getResponse().getStatusInfo();
      Response.ResponseBuilder r =
          Response.fromResponse(e.getResponse())
              .type(Problem.MEDIA_TYPE)
              .entity(
                  new Problem(
                      "about:blank", status.getReasonPhrase(), status.getStatusCode(), e.getMessage(), path(uri), null));
      return r.build();
    }
  }

  @Provider
  public static class StoreDown implements ExceptionMapper<StoreUnavailableException> {
    @Context UriInfo uri;

    @Override
    public Response toResponse(StoreUnavailableException e) {
      LOG.warning(() -> "503: " + e.getMessage());
      return Response.fromResponse(
              respond(
                  new Problem(
                      "urn:baton:problem:store-unavailable",
                      "Service unavailable",
                      503,
                      "Redis, the task store, is unavailable; nothing was changed. Try again shortly.",
                      path(uri),
                      null)))
          .header("Retry-After", "1")
          .build();
    }
  }

  @Provider
  public static class BadJson implements ExceptionMapper<JsonException> {
    @Context UriInfo uri;

    @Override
    public Response toResponse(JsonException e) {
      return respond(Problem.of(Refusal.malformed(e.getMessage()), path(uri)));
    }
  }

  @Provider
  public static class Unexpected implements ExceptionMapper<Throwable> {
    @Context UriInfo uri;

    @Override
    public Response toResponse(Throwable e) {
      String ref = UUID.randomUUID().toString();
      LOG.log(Level.SEVERE, "unexpected error " + ref + " at " + path(uri), e);
      return respond(
          new Problem(
              "urn:baton:problem:internal-error",
              "Internal error",
              500,
              "An unexpected error occurred; the manager's log has it under " + ref,
              path(uri),
              List.of()));
    }
  }
}
