package dev.baton.worker.handlers;

import static dev.baton.task.ParamSpec.Kind.BOOLEAN;
import static dev.baton.task.ParamSpec.Kind.INTEGER;

import dev.baton.json.Jsonp;
import dev.baton.task.ParamSpec;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.List;

/**
 * A long job of seed 004 (attribute generation, a benchmark) played in {@code steps} steps of {@code step_ms}:
 * it checkpoints its step, resumes from it, and with {@code fail} fails at its last step (as a job whose
 * model server went away), so that a workflow's failure paths can be shown.
 */
abstract class SimulatedJob implements TaskHandler {
  static final List<ParamSpec> PACING =
      List.of(
          ParamSpec.of("steps", INTEGER, "simulation: number of steps").between(1, 100_000).defaultsTo(8),
          ParamSpec.of("step_ms", INTEGER, "simulation: length of each step").between(0, 600_000).defaultsTo(250),
          ParamSpec.of("fail", BOOLEAN, "simulation: fail at the last step").defaultsTo(JsonValue.FALSE));

  /** What the job answers once all its steps are done. */
  abstract JsonObjectBuilder result(TaskInput in);

  /** What the progress message calls a step. */
  abstract String stepName();

  @Override
  public TaskRun start(TaskInput in) {
    return new Run(in);
  }

  private final class Run implements TaskRun {
    private final TaskInput in;
    private final int steps;
    private int done;

    Run(TaskInput in) {
      this.in = in;
      this.steps = in.data().getInt("steps", 8);
      this.done = in.checkpoint() == null ? 0 : in.checkpoint().getInt("step", 0);
    }

    @Override
    public boolean isDone() {
      return done >= steps;
    }

    @Override
    public void step() {
      in.pacer().pause(in.data().getInt("step_ms", 250));
      if (done == steps - 1 && in.data().getBoolean("fail", false)) {
        throw new IllegalStateException("model server not reachable at " + stepName() + " " + steps + " of " + steps + " (simulated)");
      }
      done++;
    }

    @Override
    public int progress() {
      return done * 100 / steps;
    }

    @Override
    public String progressMessage() {
      return stepName() + " " + done + " of " + steps;
    }

    @Override
    public JsonObject checkpoint() {
      return Jsonp.object().add("step", done).build();
    }

    @Override
    public JsonValue result() {
      return SimulatedJob.this.result(in).build();
    }
  }

  /** A stable positive number for a task: the run id its job would have got from its own database. */
  static int runId(String taskId) {
    return 1 + Math.floorMod(taskId.hashCode(), 99_999);
  }
}
