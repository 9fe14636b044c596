package dev.baton.worker.handlers;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 helpers; a chain of digests is the resumable state of several handlers. */
final class Digests {
  private static final HexFormat HEX = HexFormat.of();

  private Digests() {}

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** SHA-256 of {@code previous || bytes}. */
  static byte[] chain(byte[] previous, byte[] bytes, int length) {
    MessageDigest md = sha256();
    md.update(previous);
    md.update(bytes, 0, length);
    return md.digest();
  }

  static String hex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  static byte[] unhex(String hex) {
    return HEX.parseHex(hex);
  }
}
