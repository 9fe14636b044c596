package dev.baton.security;

import java.util.Locale;
import java.util.Set;

/**
 * What a caller may do. Each role includes the ones below it: an operator is a viewer too, an admin both.
 * The container sees a caller's roles as groups (Payara maps each group to the role of the same name).
 */
public enum Role {
  /** Reads what it may see. */
  VIEWER,
  /** Submits, cancels, retries, migrates tasks; pauses and resumes queues. */
  OPERATOR,
  /** Workers' fault and overload actions, users and tokens, schedules, webhooks, deletes and purges, scenarios. */
  ADMIN;

  /**
   * The container's role every caller has (each role includes viewer): {@code @RolesAllowed(ANY_CALLER)} lets in
   * anyone who logged in or sent valid credentials, nobody else.
   */
  public static final String ANY_CALLER = "viewer";

  /** As written in the API and in Redis: lower case. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** This role and the ones it includes, as the container's groups. */
  public Set<String> groups() {
    return switch (this) {
      case VIEWER -> Set.of("viewer");
      case OPERATOR -> Set.of("viewer", "operator");
      case ADMIN -> Set.of("viewer", "operator", "admin");
    };
  }

  /** Whether this role may do what {@code needed} may. */
  public boolean includes(Role needed) {
    return compareTo(needed) >= 0;
  }

  /** @return the role written {@code id} ("viewer", ...), or null for anything else */
  public static Role of(String id) {
    for (Role r : values()) {
      if (r.id().equals(id)) {
        return r;
      }
    }
    return null;
  }

  /** The highest of a caller's groups, or null if none is a role. */
  public static Role highest(Set<String> groups) {
    Role best = null;
    for (Role r : values()) {
      if (groups.contains(r.id())) {
        best = r;
      }
    }
    return best;
  }
}
