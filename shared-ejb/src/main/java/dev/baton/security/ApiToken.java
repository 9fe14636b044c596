package dev.baton.security;

import java.time.Instant;

/**
 * An API token as stored: never its secret, which is shown once when it is created and kept only as a SHA-256.
 *
 * @param id how the token is listed and revoked
 * @param name what it is for, as its creator wrote it
 * @param owner the user whose tasks it acts on
 * @param role what it may do: at most its owner's role
 */
public record ApiToken(String id, String name, String owner, Role role, Instant createdAt, Instant expiresAt) {
  public boolean expired(Instant now) {
    return !now.isBefore(expiresAt);
  }
}
