package dev.baton.manager.operations;

import dev.baton.manager.refusal.Refusal;
import dev.baton.security.Role;

/**
 * Who asks for an action, and through which entry point: recorded with what it changes (e.g. "requested
 * by console (alice)"). Every action checks the actor's role first ({@link #require}).
 *
 * @param via the entry point: {@code api}, {@code console}, {@code scenario ...}
 * @param user the person (for an API token: its owner)
 * @param role what they may do now
 */
public record Actor(String via, String user, Role role) {
  /** Refuses (403) unless the actor's role includes {@code needed}. */
  public Actor require(Role needed) {
    if (role == null || !role.includes(needed)) {
      throw Refusal.forbidden(
          "this needs the role " + needed.id() + "; " + (user == null ? "nobody" : user) + " has "
              + (role == null ? "none" : role.id()));
    }
    return this;
  }

  /** Whether the actor may see and act on everyone's tasks, not just their own. */
  public boolean seesAll() {
    return role == Role.ADMIN;
  }

  /** A demo scenario acting on behalf of whoever started it, with their role. */
  public static Actor scenario(String name, Actor startedBy) {
    return new Actor("scenario " + name, startedBy.user(), startedBy.role());
  }

  /** The manager itself (timers, schedules): may do what its configuration asks. */
  public static Actor system(String what) {
    return new Actor(what, null, Role.ADMIN);
  }

  /** As recorded in events and histories. */
  @Override
  public String toString() {
    return user == null ? via : via + " (" + user + ")";
  }
}
