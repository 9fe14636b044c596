package dev.baton.client;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.List;

/**
 * The manager refused a request with an RFC 9457 problem: its status, type, detail and, for an invalid request, each
 * field and why. The subclasses name the statuses a program reacts to differently; catch this one for all.
 */
public class ProblemException extends BatonException {
  /** One refused field: a JSON path such as {@code tasks[3].priority}, and why. */
  public record FieldError(String field, String reason) {}

  private final int status;
  private final String type;
  private final String title;
  private final String detail;
  private final List<FieldError> errors;

  ProblemException(int status, String type, String title, String detail, List<FieldError> errors) {
    super(status + " " + title + ": " + detail);
    this.status = status;
    this.type = type;
    this.title = title;
    this.detail = detail;
    this.errors = List.copyOf(errors);
  }

  public int status() {
    return status;
  }

  /** e.g. {@code urn:baton:problem:invalid-request}. */
  public String type() {
    return type;
  }

  public String title() {
    return title;
  }

  public String detail() {
    return detail;
  }

  /** For an invalid request: each field and why; else empty. */
  public List<FieldError> errors() {
    return errors;
  }

  /** 404: no such task (or worker, queue, ...). */
  public static final class NotFound extends ProblemException {
    NotFound(int s, String t, String ti, String d, List<FieldError> e) {
      super(s, t, ti, d, e);
    }
  }

  /** 409: not in a state that allows it (e.g. cancelling a finished task), or an idempotency key reused differently. */
  public static final class Conflict extends ProblemException {
    Conflict(int s, String t, String ti, String d, List<FieldError> e) {
      super(s, t, ti, d, e);
    }
  }

  /** 400, 413 or 422: the request is malformed, too large or has wrong fields (see {@link #errors()}). */
  public static final class Invalid extends ProblemException {
    Invalid(int s, String t, String ti, String d, List<FieldError> e) {
      super(s, t, ti, d, e);
    }
  }

  /** 401: no credentials, or wrong, expired or revoked ones. */
  public static final class Unauthorized extends ProblemException {
    Unauthorized(int s, String t, String ti, String d, List<FieldError> e) {
      super(s, t, ti, d, e);
    }
  }

  /** 403: the caller's role does not allow it (the detail names the role it needs), or the task is another user's. */
  public static final class Forbidden extends ProblemException {
    Forbidden(int s, String t, String ti, String d, List<FieldError> e) {
      super(s, t, ti, d, e);
    }
  }

  /** 429: back pressure; nothing was stored. Try again after {@link #retryAfter()}. */
  public static final class Busy extends ProblemException {
    private final Duration retryAfter;

    Busy(int s, String t, String ti, String d, List<FieldError> e, Duration retryAfter) {
      super(s, t, ti, d, e);
      this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
      return retryAfter;
    }
  }

  /** 503: Redis or the broker is away; nothing was stored. */
  public static final class Unavailable extends ProblemException {
    Unavailable(int s, String t, String ti, String d, List<FieldError> e) {
      super(s, t, ti, d, e);
    }
  }

  /** The exception for an error answer: its problem+json body if it has one, else the status and the start of the body. */
  static ProblemException of(int status, String body, String retryAfterHeader) {
    String type = "about:blank";
    String title = "HTTP " + status;
    String detail = body == null ? "" : body.strip();
    List<FieldError> errors = List.of();
    try {
      JsonObject p = Json.object(body);
      type = p.getString("type", type);
      title = p.getString("title", title);
      detail = p.getString("detail", "");
      if (p.get("errors") instanceof jakarta.json.JsonArray a) {
        errors =
            a.stream()
                .filter(v -> v.getValueType() == JsonValue.ValueType.OBJECT)
                .map(JsonValue::asJsonObject)
                .map(e -> new FieldError(e.getString("field", ""), e.getString("reason", "")))
                .toList();
      }
    } catch (RuntimeException notJson) {
      detail = detail.length() > 200 ? detail.substring(0, 200) + "..." : detail;
    }
    return switch (status) {
      case 401 -> new Unauthorized(status, type, title, detail, errors);
      case 403 -> new Forbidden(status, type, title, detail, errors);
      case 404 -> new NotFound(status, type, title, detail, errors);
      case 409 -> new Conflict(status, type, title, detail, errors);
      case 400, 413, 422 -> new Invalid(status, type, title, detail, errors);
      case 429 -> new Busy(status, type, title, detail, errors, seconds(retryAfterHeader));
      case 503 -> new Unavailable(status, type, title, detail, errors);
      default -> new ProblemException(status, type, title, detail, errors);
    };
  }

  private static Duration seconds(String header) {
    try {
      return Duration.ofSeconds(Long.parseLong(header == null ? "1" : header.trim()));
    } catch (NumberFormatException e) {
      return Duration.ofSeconds(1);
    }
  }
}
