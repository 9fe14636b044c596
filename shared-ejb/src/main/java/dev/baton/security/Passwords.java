package dev.baton.security;

import jakarta.security.enterprise.identitystore.PasswordHash;
import java.util.Map;

/** The rules for passwords and user names, and how their hashes are made. */
public final class Passwords {
  public static final int MIN_LENGTH = 12;
  public static final int MAX_LENGTH = 200;
  /** Names: a letter or digit first, then letters, digits, dot, dash, underscore, at most 64. */
  public static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  /**
   * The platform's PBKDF2 (Jakarta Security's Pbkdf2PasswordHash) with OWASP's 2023 figure for HMAC-SHA-512:
   * 210,000 iterations, a 32-byte salt. A hash names its own parameters, so raising them later keeps old ones valid.
   */
  public static final Map<String, String> PBKDF2 =
      Map.of(
          "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA512",
          "Pbkdf2PasswordHash.Iterations", "210000",
          "Pbkdf2PasswordHash.SaltSizeBytes", "32",
          "Pbkdf2PasswordHash.KeySizeBytes", "32");

  private Passwords() {}

  /** @return why the password is refused, or null if it is fine */
  public static String weakness(String password) {
    if (password == null || password.isEmpty()) {
      return "is required";
    }
    if (password.length() < MIN_LENGTH) {
      return "must have at least " + MIN_LENGTH + " characters";
    }
    if (password.length() > MAX_LENGTH) {
      return "must have at most " + MAX_LENGTH + " characters";
    }
    if (password.chars().anyMatch(Character::isISOControl)) {
      return "must not contain control characters";
    }
    return null;
  }

  /** The hash to store for a password. */
  public static String hash(PasswordHash hash, String password) {
    return hash.generate(password.toCharArray());
  }
}
