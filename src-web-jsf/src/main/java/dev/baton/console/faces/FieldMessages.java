package dev.baton.console.faces;

import dev.baton.manager.refusal.Refusal;
import dev.baton.store.StoreUnavailableException;
import dev.baton.task.Violation;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import java.util.function.Function;

/**
 * Shows a refusal where it belongs: each violation beside its field (the same reasons the REST API gives),
 * anything else as a message at the top. Never an exception page.
 */
public final class FieldMessages {
  private FieldMessages() {}

  /**
   * @param fieldToClientId maps the API's field names (e.g. {@code priority}, {@code data.iterations}) to the
   *     client id of the input that shows them; a field not mapped goes to the global messages
   */
  public static void show(Refusal r, Function<String, String> fieldToClientId) {
    FacesContext fc = FacesContext.getCurrentInstance();
    if (r.violations().isEmpty()) {
      fc.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, title(r), r.getMessage()));
    } else {
      for (Violation v : r.violations()) {
        String clientId = fieldToClientId.apply(v.field());
        fc.addMessage(clientId, new FacesMessage(FacesMessage.SEVERITY_ERROR, v.field() + " " + v.reason(), v.field() + " " + v.reason()));
      }
    }
    fc.validationFailed();
  }

  public static void unavailable(StoreUnavailableException e) {
    error("Redis is unavailable", "nothing was changed; try again in a moment");
  }

  public static void error(String summary, String detail) {
    FacesContext fc = FacesContext.getCurrentInstance();
    fc.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, summary, detail));
    fc.validationFailed();
  }

  public static void info(String summary, String detail) {
    FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, summary, detail));
  }

  private static String title(Refusal r) {
    return switch (r.kind()) {
      case NOT_FOUND -> "Not found";
      case CONFLICT -> "Not possible now";
      case BROKER_UNAVAILABLE -> "The broker is unavailable";
      case BUSY -> "Too busy";
      case TOO_LARGE -> "Too large";
      case MALFORMED -> "Not JSON";
      case INVALID -> "Invalid";
      case FORBIDDEN -> "Not allowed";
      case UNSUPPORTED_MEDIA_TYPE -> "Not JSON";
    };
  }
}
