package dev.baton.worker.handlers;

import dev.baton.json.Jsonp;
import dev.baton.task.TaskTypeDescriptor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;

/**
 * Does nothing and completes at once: measures the system's own cost per task. A task with parents
 * answers the results it received from them ({@code {"parent_results": {...}}}), so a chain shows them.
 */
@ApplicationScoped
public class NoopHandler implements TaskHandler {
  private static final TaskTypeDescriptor DESCRIPTOR =
      new TaskTypeDescriptor("noop", "completes at once (for benchmarks); answers its parents' results", List.of());

  private static final TaskRun DONE = done(JsonValue.EMPTY_JSON_OBJECT);

  private static TaskRun done(JsonValue result) {
    return new TaskRun() {
      @Override
      public boolean isDone() {
        return true;
      }

      @Override
      public void step() {}

      @Override
      public int progress() {
        return 100;
      }

      @Override
      public String progressMessage() {
        return "done";
      }

      @Override
      public JsonObject checkpoint() {
        return JsonValue.EMPTY_JSON_OBJECT;
      }

      @Override
      public JsonValue result() {
        return result;
      }
    };
  }

  @Override
  public TaskTypeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public TaskRun start(TaskInput input) {
    return input.parentResults().isEmpty() ? DONE : done(Jsonp.object().add("parent_results", input.parentResults()).build());
  }
}
