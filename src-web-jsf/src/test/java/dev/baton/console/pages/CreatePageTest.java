package dev.baton.console.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.baton.json.Jsonp;
import dev.baton.task.ParamSpec;
import dev.baton.task.ParamSpec.Kind;
import dev.baton.task.TaskTypeDescriptor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The form's data starts as the type's parameters with their defaults, and examples where required. */
class CreatePageTest {
  @Test
  void defaultsAndExamplesForTheRequired() {
    TaskTypeDescriptor computation =
        new TaskTypeDescriptor(
            "computation",
            "cpu",
            List.of(
                ParamSpec.of("operation", Kind.STRING, "what").oneOf("complex-calculation", "series").defaultsTo("complex-calculation"),
                ParamSpec.of("input", Kind.NUMBER_ARRAY, "numbers").mandatory().between(1, 100_000),
                ParamSpec.of("iterations", Kind.INTEGER, "steps").between(1, 1e8).defaultsTo(100),
                ParamSpec.of("label", Kind.STRING, "optional, no default")));

    assertEquals(
        Jsonp.parse("{\"operation\":\"complex-calculation\",\"input\":[1,2,3,4,5],\"iterations\":100}"),
        CreatePage.example(computation));
  }
}
