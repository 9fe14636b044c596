package dev.baton.manager.problems;

import dev.baton.manager.refusal.Refusal;

/** Query parameters read by hand, so a bad one is a 422 naming it (JAX-RS would answer 404). */
public final class QueryParams {
  private QueryParams() {}

  public static int intIn(String name, String value, int min, int max) {
    try {
      int v = Integer.parseInt(value.trim());
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw Refusal.invalid(
        name, max == Integer.MAX_VALUE ? "must be an integer, " + min + " or more" : "must be an integer from " + min + " to " + max);
  }
}
