package dev.baton.security;

import java.time.Duration;

/**
 * The outcome of a credential check.
 *
 * @param caller who it is, or null if refused
 * @param retryAfter for a refusal because of too many failed logins: how long until the next attempt is heard; else null
 */
public record Verdict(Caller caller, Duration retryAfter) {
  public static final Verdict WRONG = new Verdict(null, null);

  public static Verdict of(Caller caller) {
    return new Verdict(caller, null);
  }

  public static Verdict throttled(Duration wait) {
    return new Verdict(null, wait);
  }

  public boolean admitted() {
    return caller != null;
  }

  public boolean throttled() {
    return retryAfter != null;
  }
}
