package dev.baton.console.faces;

import dev.baton.manager.refusal.Refusal;
import dev.baton.store.StoreUnavailableException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Runs a console action; a refusal or an outage becomes messages on the page, never an exception page. */
public final class Attempt {
  private Attempt() {}

  /**
   * @param fields the API's field names mapped to the client ids of the inputs that show their errors
   * @return the action's result, or empty if it was refused (the messages say why)
   */
  public static <T> Optional<T> of(Supplier<T> action, Map<String, String> fields) {
    return of(action, f -> fields.entrySet().stream().filter(e -> f.equals(e.getKey()) || f.startsWith(e.getKey() + ".")).map(Map.Entry::getValue).findFirst().orElse(null));
  }

  /** @param fields maps the API's field names to the client ids of the inputs that show them (null: the page's messages) */
  public static <T> Optional<T> of(Supplier<T> action, java.util.function.Function<String, String> fields) {
    try {
      return Optional.ofNullable(action.get());
    } catch (Refusal r) {
      FieldMessages.show(r, fields);
    } catch (StoreUnavailableException e) {
      FieldMessages.unavailable(e);
    }
    return Optional.empty();
  }

  public static <T> Optional<T> of(Supplier<T> action) {
    return of(action, Map.of());
  }
}
