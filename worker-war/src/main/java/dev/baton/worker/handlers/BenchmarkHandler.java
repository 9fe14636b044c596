package dev.baton.worker.handlers;

import static dev.baton.task.ParamSpec.Kind.BOOLEAN;
import static dev.baton.task.ParamSpec.Kind.INTEGER;
import static dev.baton.task.ParamSpec.Kind.STRING;

import dev.baton.json.Jsonp;
import dev.baton.task.ParamSpec;
import dev.baton.task.TaskTypeDescriptor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Seed 004's benchmark of a model on a dataset (simulated). Depending on an attrgen task, it gets that run's
 * {@code attrgen_run_id} injected from its parent's result, as seed 004 does; one given in its config wins.
 */
@ApplicationScoped
public class BenchmarkHandler extends SimulatedJob {
  private static final TaskTypeDescriptor DESCRIPTOR;

  static {
    List<ParamSpec> params = new ArrayList<>(List.of(
        ParamSpec.of("dataset_id", INTEGER, "the dataset").between(1, Integer.MAX_VALUE).mandatory(),
        ParamSpec.of("model_name", STRING, "the model under test").mandatory(),
        ParamSpec.of("include_rationale", BOOLEAN, "ask the model for its rationale").defaultsTo(JsonValue.FALSE),
        ParamSpec.of("scale_mode", STRING, "answer scale: in order or reversed").oneOf("in", "rev").defaultsTo("in"),
        ParamSpec.of("llm", STRING, "the model server kind (e.g. vllm)").defaultsTo("vllm"),
        ParamSpec.of("vllm_base_url", STRING, "the model server"),
        ParamSpec.of("batch_size", INTEGER, "questions per request").between(1, 1024).defaultsTo(4),
        ParamSpec.of("attrgen_run_id", INTEGER, "the attribute run to use (injected from an attrgen parent)").between(1, Integer.MAX_VALUE)));
    params.addAll(PACING);
    DESCRIPTOR = new TaskTypeDescriptor("benchmark", "seed 004: benchmarks a model on a dataset (simulated); uses its attrgen parent's run", params);
  }

  @Override
  public TaskTypeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  String stepName() {
    return "question batch";
  }

  @Override
  JsonObjectBuilder result(TaskInput in) {
    JsonObject d = in.data();
    JsonValue attrgen = d.containsKey("attrgen_run_id") ? d.get("attrgen_run_id") : injected(in.parentResults());
    int seed = runId(in.taskId());
    return Jsonp.object()
        .add("attrgen_run_id", attrgen)
        .add("dataset_id", d.getInt("dataset_id"))
        .add("model_name", d.getString("model_name"))
        .add("include_rationale", d.getBoolean("include_rationale", false))
        .add("scale_mode", d.getString("scale_mode", "in"))
        .add("accuracy", 0.5 + (seed % 4500) / 10_000.0);
  }

  /** The attrgen_run_id of the first parent that answered one (seed 004's injection), or null. */
  static JsonValue injected(JsonObject parentResults) {
    for (JsonValue r : parentResults.values()) {
      if (r instanceof JsonObject o && o.get("attrgen_run_id") instanceof JsonNumber n) {
        return n;
      }
    }
    return JsonValue.NULL;
  }
}
