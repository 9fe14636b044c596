package dev.baton.worker.handlers;

import static dev.baton.task.ParamSpec.Kind.INTEGER;
import static dev.baton.task.ParamSpec.Kind.NUMBER;

import dev.baton.json.Jsonp;
import dev.baton.task.ParamSpec;
import dev.baton.task.TaskTypeDescriptor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;

/**
 * The seed's simulated task: {@code steps} pauses of {@code step_ms} each (by default 0.5 to 1.5 s, drawn
 * per task and step), failing a step with {@code fail_probability}. Failures are drawn per attempt, so a
 * retried task does not fail at the same step for sure.
 */
@ApplicationScoped
public class SleepHandler implements TaskHandler {
  private static final TaskTypeDescriptor DESCRIPTOR =
      new TaskTypeDescriptor(
          "sleep",
          "waits step by step; may fail a step on purpose",
          List.of(
              ParamSpec.of("steps", INTEGER, "number of steps").between(1, 100_000).defaultsTo(10),
              ParamSpec.of("step_ms", INTEGER, "length of each step; default 500 to 1500 ms, drawn per step").between(0, 600_000),
              ParamSpec.of("fail_probability", NUMBER, "chance that a step fails").between(0, 1).defaultsTo(0.0),
              ParamSpec.of("fail_attempts", INTEGER, "the first attempts fail at their last step (a flaky task)")
                  .between(0, 1000)
                  .defaultsTo(0)));

  @Override
  public TaskTypeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public TaskRun start(TaskInput in) {
    JsonObject d = in.data();
    Integer stepMs = d.containsKey("step_ms") ? d.getInt("step_ms") : null;
    double failProbability = d.containsKey("fail_probability") ? d.getJsonNumber("fail_probability").doubleValue() : 0;
    int steps = d.getInt("steps", 10);
    int done = in.checkpoint() == null ? 0 : in.checkpoint().getInt("step");
    long slept = in.checkpoint() == null ? 0 : in.checkpoint().getJsonNumber("slept_ms").longValue();
    return new Run(in, steps, stepMs, failProbability, d.getInt("fail_attempts", 0), done, slept);
  }

  private static final class Run implements TaskRun {
    private final TaskInput in;
    private final int steps;
    private final Integer stepMs;
    private final double failProbability;
    private final int failAttempts;
    private boolean softLimitReached;
    private int done;
    private long slept;

    Run(TaskInput in, int steps, Integer stepMs, double failProbability, int failAttempts, int done, long slept) {
      this.in = in;
      this.failAttempts = failAttempts;
      this.steps = steps;
      this.stepMs = stepMs;
      this.failProbability = failProbability;
      this.done = done;
      this.slept = slept;
    }

    @Override
    public boolean isDone() {
      return done >= steps;
    }

    @Override
    public void step() {
      long ms = stepMs != null ? stepMs : 500 + Seeds.at(in.taskId(), done).nextInt(1001);
      in.pacer().pause(ms);
      if (failProbability > 0 && Seeds.at(in.taskId() + "#" + in.attempt(), done).nextDouble() < failProbability) {
        throw new SimulatedFailure("simulated failure at step " + (done + 1) + " of " + steps);
      }
      if (done == steps - 1 && in.attempt() <= failAttempts) {
        throw new SimulatedFailure("simulated failure of attempt " + in.attempt() + " (fail_attempts " + failAttempts + ")");
      }
      slept += ms;
      done++;
    }

    @Override
    public int progress() {
      return done * 100 / steps;
    }

    @Override
    public String progressMessage() {
      return "step " + done + " of " + steps + (softLimitReached ? " (soft time limit reached)" : "");
    }

    @Override
    public void softTimeLimitReached() {
      softLimitReached = true; // a real handler would wrap up here; this one only says so
    }

    @Override
    public JsonObject checkpoint() {
      return Jsonp.object().add("step", done).add("slept_ms", slept).build();
    }

    @Override
    public JsonValue result() {
      return Jsonp.object().add("steps", steps).add("slept_ms", slept).build();
    }
  }

  /** A failure the task asked for (fail_probability, fail_attempts). */
  public static class SimulatedFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SimulatedFailure(String message) {
      super(message);
    }
  }
}
