package dev.baton.worker.handlers;

import static dev.baton.task.ParamSpec.Kind.INTEGER;
import static dev.baton.task.ParamSpec.Kind.STRING;

import dev.baton.json.Jsonp;
import dev.baton.task.ParamSpec;
import dev.baton.task.TaskTypeDescriptor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.List;

/** Seed 004's attribute generation for a dataset's personas (simulated); answers its {@code attrgen_run_id}. */
@ApplicationScoped
public class AttrgenHandler extends SimulatedJob {
  private static final TaskTypeDescriptor DESCRIPTOR;

  static {
    List<ParamSpec> params = new ArrayList<>(List.of(
        ParamSpec.of("dataset_id", INTEGER, "the dataset whose personas get attributes").between(1, Integer.MAX_VALUE).mandatory(),
        ParamSpec.of("model_name", STRING, "the model that generates them").mandatory(),
        ParamSpec.of("llm", STRING, "the model server kind (e.g. vllm)").defaultsTo("vllm"),
        ParamSpec.of("vllm_base_url", STRING, "the model server"),
        ParamSpec.of("batch_size", INTEGER, "personas per request").between(1, 1024).defaultsTo(4)));
    params.addAll(PACING);
    DESCRIPTOR = new TaskTypeDescriptor("attrgen", "seed 004: generates persona attributes (simulated); answers attrgen_run_id", params);
  }

  @Override
  public TaskTypeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  String stepName() {
    return "batch";
  }

  @Override
  JsonObjectBuilder result(TaskInput in) {
    return Jsonp.object()
        .add("attrgen_run_id", runId(in.taskId()))
        .add("dataset_id", in.data().getInt("dataset_id"))
        .add("model_name", in.data().getString("model_name"));
  }
}
