package dev.baton.manager.security;

import dev.baton.manager.operations.Actor;
import dev.baton.security.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The actor of the current request: whoever the authentication mechanism let in (it leaves the caller on the
 * request). A request it did not let in has no actor, and every action refuses it.
 */
@RequestScoped
public class Callers {
  /** The request attribute under which the authentication mechanism leaves the {@link Caller}. */
  public static final String ATTRIBUTE = "dev.baton.caller";

  @Inject HttpServletRequest request;

  /** The caller as an actor of the REST API. */
  public Actor api() {
    return as("api");
  }

  /** The caller as an actor of the console. */
  public Actor console() {
    return as("console");
  }

  /** Who sent this request, or null. */
  public Caller caller() {
    return request.getAttribute(ATTRIBUTE) instanceof Caller c ? c : null;
  }

  private Actor as(String via) {
    Caller c = caller();
    return c == null ? new Actor(via, null, null) : new Actor(via, c.name(), c.role());
  }
}
