package dev.baton.task;

import dev.baton.json.Jsonp;
import jakarta.json.JsonString;
import java.util.List;

/**
 * A task's place in a graph: the tasks it depends on, how many of them have not completed yet, and their
 * results once all have (what its handler receives).
 *
 * @param dependsOn the parents' ids (empty: none)
 * @param parentsLeft parents not completed yet
 * @param parentResults the parents' results as a JSON object by id, or {@code null} until it is released
 */
public record TaskDependencies(List<String> dependsOn, int parentsLeft, String parentResults) {
  public static final TaskDependencies NONE = new TaskDependencies(List.of(), 0, null);

  public TaskDependencies {
    dependsOn = List.copyOf(dependsOn);
  }

  /** From the stored fields ({@code depends_on} is a JSON array of ids). */
  public static TaskDependencies of(String dependsOn, String parentsLeft, String parentResults) {
    if (dependsOn == null || dependsOn.isEmpty()) {
      return NONE;
    }
    List<String> ids = Jsonp.parse(dependsOn).asJsonArray().getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    return new TaskDependencies(ids, parentsLeft == null || parentsLeft.isEmpty() ? 0 : Integer.parseInt(parentsLeft), parentResults);
  }

  /** The stored form of the parents' ids: a JSON array. */
  public static String asJson(List<String> ids) {
    var a = Jsonp.array();
    ids.forEach(a::add);
    return a.build().toString();
  }
}
