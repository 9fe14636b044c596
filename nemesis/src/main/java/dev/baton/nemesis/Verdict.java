package dev.baton.nemesis;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;

/**
 * The checker's judgement of one property: held or not, a line of figures, and the counter-examples (each a task id
 * or an idempotency key with what shows the violation).
 */
public record Verdict(String property, boolean ok, String summary, List<String> counterExamples) {
  static Verdict of(String property, String summary, List<String> counterExamples) {
    return new Verdict(property, counterExamples.isEmpty(), summary, List.copyOf(counterExamples));
  }

  public JsonObject toJson() {
    var examples = Json.createArrayBuilder();
    counterExamples.stream().limit(20).forEach(examples::add);
    return Json.createObjectBuilder()
        .add("property", property)
        .add("ok", ok)
        .add("summary", summary)
        .add("violations", counterExamples.size())
        .add("counter_examples", examples)
        .build();
  }

  @Override
  public String toString() {
    return String.format("%-22s %s  %s%s", property, ok ? "ok  " : "FAIL", summary,
        ok ? "" : "\n    " + String.join("\n    ", counterExamples.stream().limit(5).toList()));
  }
}
