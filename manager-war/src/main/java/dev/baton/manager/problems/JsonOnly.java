package dev.baton.manager.problems;

import dev.baton.manager.refusal.Refusal;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Set;

/**
 * The API takes JSON only: a request that changes something and carries a body (or names a Content-Type) must say
 * {@code application/json} - or the one type an operation declares instead with {@code @Consumes} (the echo takes
 * raw bytes) - and anything else is a 415 problem naming Content-Type, before the resource reads a byte.
 * A browser sends {@code text/plain}, {@code application/x-www-form-urlencoded} and {@code multipart/form-data} from
 * any page without asking (no CORS preflight): refusing them closes that door to cross-site requests (ADR 0048).
 */
@Provider
public class JsonOnly implements ContainerRequestFilter {
  private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH", "DELETE");

  @Context ResourceInfo resource;

  @Override
  public void filter(ContainerRequestContext request) {
    if (!WITH_BODY.contains(request.getMethod())) {
      return;
    }
    String wanted = declared();
    String type = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
    if (type == null) {
      if (request.hasEntity()) {
        throw Refusal.unsupportedMediaType("Content-Type", "is missing; the request body must be " + wanted);
      }
      return;
    }
    if (!is(wanted, type)) {
      throw Refusal.unsupportedMediaType(
          "Content-Type", "must be " + wanted + ", not " + (type.length() > 80 ? type.substring(0, 80) + "..." : type));
    }
  }

  /** The one media type the operation takes: its {@code @Consumes}, else JSON. */
  private String declared() {
    Method m = resource == null ? null : resource.getResourceMethod();
    Consumes c = m == null ? null : m.getAnnotation(Consumes.class);
    if (c == null && m != null) {
      c = resource.getResourceClass().getAnnotation(Consumes.class);
    }
    return c == null || c.value().length == 0 ? MediaType.APPLICATION_JSON : c.value()[0];
  }

  /** {@code wanted}, with or without parameters (charset=utf-8). */
  static boolean is(String wanted, String contentType) {
    try {
      MediaType m = MediaType.valueOf(contentType);
      MediaType w = MediaType.valueOf(wanted);
      return m.getType().equalsIgnoreCase(w.getType()) && m.getSubtype().equalsIgnoreCase(w.getSubtype());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
