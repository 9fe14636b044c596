package dev.baton.testing;

import dev.baton.security.Role;
import dev.baton.store.Redis;
import dev.baton.store.RedisCredentials;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Users put straight into Redis, for tests without a manager (which makes them through its API): their hashes in the
 * format of the platform's Pbkdf2PasswordHash ({@code algorithm:iterations:salt:hash}, Base64), so the container's
 * hash verifies them.
 */
public final class TestUsers {
  private TestUsers() {}

  public static void create(Redis redis, String name, Role role, String password) {
    new RedisCredentials(redis).createUser(name, role, pbkdf2(password), Instant.now());
  }

  static String pbkdf2(String password) {
    try {
      byte[] salt = new byte[32];
      new SecureRandom().nextBytes(salt);
      int iterations = 1000; // a test's user: the format matters here, not the cost
      byte[] key =
          SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512")
              .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 32 * 8))
              .getEncoded();
      Base64.Encoder b64 = Base64.getEncoder();
      return "PBKDF2WithHmacSHA512:" + iterations + ":" + b64.encodeToString(salt) + ":" + b64.encodeToString(key);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
