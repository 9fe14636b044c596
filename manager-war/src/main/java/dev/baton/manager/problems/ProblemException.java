package dev.baton.manager.problems;

import dev.baton.task.Violation;
import java.util.List;

/** Refuses a request with a problem detail; nothing has been stored when it is thrown. */
public class ProblemException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String type;
  private final String title;
  private final transient List<Violation> violations;

  public ProblemException(int status, String type, String title, String detail, List<Violation> violations) {
    super(detail, null, false, false);
    this.status = status;
    this.type = type;
    this.title = title;
    this.violations = List.copyOf(violations);
  }

  /** 422: the request is well-formed JSON but some fields are wrong. */
  public static ProblemException invalid(List<Violation> violations) {
    String detail =
        violations.size() == 1
            ? violations.get(0).field() + " " + violations.get(0).reason()
            : violations.size() + " fields are invalid";
    return new ProblemException(422, "urn:baton:problem:invalid-request", "Invalid request", detail, violations);
  }

  public static ProblemException invalid(String field, String reason) {
    return invalid(List.of(new Violation(field, reason)));
  }

  /** 400: the body is not JSON. */
  public static ProblemException malformed(String detail) {
    return new ProblemException(400, "urn:baton:problem:malformed-json", "Malformed JSON", detail, List.of());
  }

  /** 413: too large; {@code field} names what is. */
  public static ProblemException tooLarge(String field, String reason) {
    return new ProblemException(
        413, "urn:baton:problem:too-large", "Content too large", field + " " + reason, List.of(new Violation(field, reason)));
  }

  public static ProblemException notFound(String what) {
    return new ProblemException(404, "urn:baton:problem:not-found", "Not found", what, List.of());
  }

  public int status() {
    return status;
  }

  public Problem toProblem(String instance) {
    return new Problem(type, title, status, getMessage(), instance, violations.isEmpty() ? null : violations);
  }
}
