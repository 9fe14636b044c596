package dev.baton.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Random secrets and their digests. */
public final class Secrets {
  /** Every API token starts so: a scanner can find leaked ones, and a person tells a token from a password. */
  public static final String TOKEN_PREFIX = "baton_";

  private static final SecureRandom RANDOM = new SecureRandom();

  private Secrets() {}

  /** {@code bytes} random bytes, URL-safe Base64 without padding. */
  public static String random(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** A new API token's secret: 256 random bits. */
  public static String newToken() {
    return TOKEN_PREFIX + random(32);
  }

  /**
   * SHA-256, hex. Enough for tokens (256 random bits: nothing to guess, so no slow hash is needed); never for
   * passwords, which get the platform's PBKDF2.
   */
  public static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
