package dev.baton.manager.operations;

/**
 * Who asks for an action, and through which entry point: recorded with what it changes (e.g. "requested
 * by console"). The security issue adds the user; a role check reads both.
 *
 * @param via the entry point: {@code api}, {@code console}, {@code scenario}
 * @param user the person, or null while Baton has no logins
 */
public record Actor(String via, String user) {
  public static final Actor API = new Actor("api", null);
  public static final Actor CONSOLE = new Actor("console", null);

  /** A demo scenario acting on behalf of whoever started it. */
  public static Actor scenario(String name) {
    return new Actor("scenario " + name, null);
  }

  /** As recorded in events and histories. */
  @Override
  public String toString() {
    return user == null ? via : via + " (" + user + ")";
  }
}
