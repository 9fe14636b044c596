package dev.baton.security;

import java.time.Instant;

/**
 * A person who logs in, as stored in Redis.
 *
 * @param passwordHash the platform's PBKDF2 hash ({@code algorithm:iterations:salt:hash}), never the password
 */
public record User(String name, Role role, String passwordHash, Instant createdAt, Instant updatedAt) {
  @Override
  public String toString() {
    return "User[" + name + ", " + role.id() + "]";
  }
}
