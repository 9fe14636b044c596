package dev.baton.security;

import jakarta.annotation.Priority;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.json.Json;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.List;

/**
 * Deny by default on every resource method of the API: a method (or its class) must say who may call it with
 * {@code @RolesAllowed} or {@code @PermitAll}; one that says nothing is refused to everyone, as one marked {@code
 * @DenyAll}. The container's roles are checked ({@code SecurityContext.isUserInRole}), not the mechanism's own
 * attribute, so this wall holds even if another one fails. What each role may do is decided again, finer, by the
 * actions themselves (the manager's {@code Operations}).
 */
@Provider
public class RoleGate implements DynamicFeature {

  @Override
  public void configure(ResourceInfo resource, FeatureContext context) {
    context.register(new Check(rule(resource.getResourceMethod(), resource.getResourceClass())));
  }

  /** The roles that may call the method, an empty list for nobody, null for anybody. */
  static List<String> rule(Method method, Class<?> type) {
    List<String> own = declared(method);
    if (own != NOT_DECLARED) {
      return own;
    }
    List<String> ofClass = declared(type);
    return ofClass == NOT_DECLARED ? List.of() : ofClass;
  }

  private static final List<String> NOT_DECLARED = List.of("\0");

  private static List<String> declared(AnnotatedElement e) {
    if (e.isAnnotationPresent(DenyAll.class)) {
      return List.of();
    }
    if (e.isAnnotationPresent(PermitAll.class)) {
      return null;
    }
    RolesAllowed roles = e.getAnnotation(RolesAllowed.class);
    return roles == null ? NOT_DECLARED : List.of(roles.value());
  }

  @Priority(Priorities.AUTHORIZATION)
  static final class Check implements ContainerRequestFilter {
    private final List<String> roles;

    Check(List<String> roles) {
      this.roles = roles;
    }

    @Override
    public void filter(ContainerRequestContext request) {
      if (roles == null) {
        return;
      }
      var security = request.getSecurityContext();
      for (String role : roles) {
        if (security.isUserInRole(role)) {
          return;
        }
      }
      boolean known = security.getUserPrincipal() != null;
      String detail =
          roles.isEmpty() ? "this operation is not open to anyone" : "this needs the role " + String.join(" or ", roles);
      int status = known ? 403 : 401;
      request.abortWith(
          Response.status(status)
              .type("application/problem+json")
              .entity(
                  Json.createObjectBuilder()
                      .add("type", known ? "urn:baton:problem:forbidden" : "urn:baton:problem:unauthorized")
                      .add("title", known ? "Forbidden" : "Unauthorized")
                      .add("status", status)
                      .add("detail", detail)
                      .add("instance", request.getUriInfo().getRequestUri().getRawPath())
                      .build()
                      .toString())
              .build());
    }
  }
}
