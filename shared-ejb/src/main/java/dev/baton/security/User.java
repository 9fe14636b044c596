package dev.baton.security;

import java.time.Instant;

/**
 * A person who logs in, as stored in Redis.
 *
 * @param passwordHash the platform's PBKDF2 hash ({@code algorithm:iterations:salt:hash}), never the password
 * @param passwordAt when the password was last set: a console login from before it has ended
 */
public record User(String name, Role role, String passwordHash, Instant createdAt, Instant updatedAt, Instant passwordAt) {
  @Override
  public String toString() {
    return "User[" + name + ", " + role.id() + "]";
  }
}
