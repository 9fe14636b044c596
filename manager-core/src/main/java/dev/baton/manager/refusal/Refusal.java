package dev.baton.manager.refusal;

import dev.baton.task.Violation;
import java.util.List;

/**
 * A request the application refuses, with the reason and, for invalid input, every field at fault.
 * Nothing has been stored when it is thrown. Each boundary translates it: the REST API into an RFC 9457
 * problem, the console into messages beside the fields.
 */
public class Refusal extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a request is refused; the boundary maps each to its answer (HTTP status, message). */
  public enum Kind {
    /** The body is not JSON. */
    MALFORMED,
    /** What the request names does not exist. */
    NOT_FOUND,
    /** The request is fine but the system's state does not allow it now. */
    CONFLICT,
    /** Too much data. */
    TOO_LARGE,
    /** Well-formed, but some fields are wrong. */
    INVALID,
    /** The broker is unreachable, so a command could not be sent. */
    BROKER_UNAVAILABLE,
    /** Too much accepted work waits already (back pressure): try again later. */
    BUSY,
    /** The caller's role does not allow it, or the thing is not theirs. */
    FORBIDDEN,
    /** The body is not of a media type the operation takes (the API takes JSON only). */
    UNSUPPORTED_MEDIA_TYPE
  }

  private final Kind kind;
  private final transient List<Violation> violations;

  public Refusal(Kind kind, String detail, List<Violation> violations) {
    super(detail, null, false, false);
    this.kind = kind;
    this.violations = List.copyOf(violations);
  }

  public static Refusal invalid(List<Violation> violations) {
    String detail =
        violations.size() == 1
            ? violations.get(0).field() + " " + violations.get(0).reason()
            : violations.size() + " fields are invalid";
    return new Refusal(Kind.INVALID, detail, violations);
  }

  public static Refusal invalid(String field, String reason) {
    return invalid(List.of(new Violation(field, reason)));
  }

  public static Refusal malformed(String detail) {
    return new Refusal(Kind.MALFORMED, detail, List.of());
  }

  /** {@code field} names what is too large. */
  public static Refusal tooLarge(String field, String reason) {
    return new Refusal(Kind.TOO_LARGE, field + " " + reason, List.of(new Violation(field, reason)));
  }

  public static Refusal notFound(String what) {
    return new Refusal(Kind.NOT_FOUND, what, List.of());
  }

  public static Refusal conflict(String detail) {
    return new Refusal(Kind.CONFLICT, detail, List.of());
  }

  public static Refusal busy(String detail) {
    return new Refusal(Kind.BUSY, detail, List.of());
  }

  /** The caller may not do this; {@code detail} says which role may. */
  public static Refusal forbidden(String detail) {
    return new Refusal(Kind.FORBIDDEN, detail, List.of());
  }

  /** {@code field} names the header at fault (Content-Type). */
  public static Refusal unsupportedMediaType(String field, String reason) {
    return new Refusal(Kind.UNSUPPORTED_MEDIA_TYPE, field + " " + reason, List.of(new Violation(field, reason)));
  }

  public static Refusal brokerUnavailable(String detail) {
    return new Refusal(Kind.BROKER_UNAVAILABLE, detail, List.of());
  }

  public Kind kind() {
    return kind;
  }

  /** For {@link Kind#INVALID} and {@link Kind#TOO_LARGE}: each field and why; else empty. */
  public List<Violation> violations() {
    return violations;
  }
}
