package dev.baton.worker.handlers;

import dev.baton.task.TaskTypeDescriptor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;

/** Does nothing and completes at once: measures the system's own cost per task. */
@ApplicationScoped
public class NoopHandler implements TaskHandler {
  private static final TaskTypeDescriptor DESCRIPTOR =
      new TaskTypeDescriptor("noop", "completes at once (for benchmarks)", List.of());

  private static final TaskRun DONE =
      new TaskRun() {
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
          return JsonValue.EMPTY_JSON_OBJECT;
        }
      };

  @Override
  public TaskTypeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public TaskRun start(TaskInput input) {
    return DONE;
  }
}
