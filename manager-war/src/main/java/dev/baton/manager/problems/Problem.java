package dev.baton.manager.problems;

import dev.baton.manager.openapi.ApiDocs;
import dev.baton.manager.refusal.Refusal;
import dev.baton.task.Violation;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem detail, served as {@code application/problem+json}.
 *
 * @param errors for invalid requests: each field and why it was refused
 */
@JsonbPropertyOrder({"type", "title", "status", "detail", "instance", "errors"})
@Schema(name = ApiDocs.PROBLEM, description = "An RFC 9457 problem detail: how every error of the API is answered.")
public record Problem(
    @Schema(description = "The kind of problem.", example = "urn:baton:problem:invalid-request") String type,
    @Schema(example = "Invalid request") String title,
    @Schema(description = "The HTTP status.", example = "422") int status,
    @Schema(description = "What went wrong, for a person.", example = "priority must be an integer from 0 to 9") String detail,
    @Schema(description = "The request's path.", example = "/api/tasks") String instance,
    @Schema(description = "For invalid requests: each field (a JSON path such as tasks[3].priority) and why it was refused.")
        List<Violation> errors) {
  public static final String MEDIA_TYPE = "application/problem+json";

  /** The answer to a refusal: its kind decides the status, type and title. */
  public static Problem of(Refusal r, String instance) {
    List<Violation> errors = r.violations().isEmpty() ? null : r.violations();
    return switch (r.kind()) {
      case MALFORMED -> new Problem("urn:baton:problem:malformed-json", "Malformed JSON", 400, r.getMessage(), instance, errors);
      case NOT_FOUND -> new Problem("urn:baton:problem:not-found", "Not found", 404, r.getMessage(), instance, errors);
      case CONFLICT -> new Problem("urn:baton:problem:conflict", "Conflict", 409, r.getMessage(), instance, errors);
      case TOO_LARGE -> new Problem("urn:baton:problem:too-large", "Content too large", 413, r.getMessage(), instance, errors);
      case INVALID -> new Problem("urn:baton:problem:invalid-request", "Invalid request", 422, r.getMessage(), instance, errors);
      case BUSY -> new Problem("urn:baton:problem:busy", "Too many requests", 429, r.getMessage(), instance, errors);
      case FORBIDDEN -> new Problem("urn:baton:problem:forbidden", "Forbidden", 403, r.getMessage(), instance, errors);
      case UNSUPPORTED_MEDIA_TYPE ->
          new Problem("urn:baton:problem:unsupported-media-type", "Unsupported media type", 415, r.getMessage(), instance, errors);
      case BROKER_UNAVAILABLE ->
          new Problem("urn:baton:problem:broker-unavailable", "Service unavailable", 503, r.getMessage(), instance, errors);
    };
  }
}
