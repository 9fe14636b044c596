package dev.baton.manager.problems;

import dev.baton.task.Violation;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/**
 * An RFC 9457 problem detail, served as {@code application/problem+json}.
 *
 * @param errors for invalid requests: each field and why it was refused
 */
@JsonbPropertyOrder({"type", "title", "status", "detail", "instance", "errors"})
public record Problem(String type, String title, int status, String detail, String instance, List<Violation> errors) {
  public static final String MEDIA_TYPE = "application/problem+json";
}
