package dev.baton.worker.handlers;

import static dev.baton.task.ParamSpec.Kind.INTEGER;
import static dev.baton.task.ParamSpec.Kind.NUMBER_ARRAY;
import static dev.baton.task.ParamSpec.Kind.STRING;

import dev.baton.json.Jsonp;
import dev.baton.task.ParamSpec;
import dev.baton.task.TaskTypeDescriptor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * A deterministic computation over {@code data.input}: a SHA-256 chain ({@code rounds} hashes per
 * iteration) and a damped numeric series. Its running state, and nothing else, is the checkpoint, so a run
 * resumed from any checkpoint on any worker ends with exactly the result of an uninterrupted one.
 */
@ApplicationScoped
public class ComputationHandler implements TaskHandler {
  static final String HASH_CHAIN = "hash-chain";
  static final String SERIES = "series";
  static final String BOTH = "complex-calculation";

  private static final TaskTypeDescriptor DESCRIPTOR =
      new TaskTypeDescriptor(
          "computation",
          "CPU work: an iterated SHA-256 chain and a numeric series over the input",
          List.of(
              ParamSpec.of("operation", STRING, "what to compute").oneOf(BOTH, HASH_CHAIN, SERIES).defaultsTo(BOTH),
              ParamSpec.of("input", NUMBER_ARRAY, "the numbers to compute over").mandatory().between(1, 100_000),
              ParamSpec.of("iterations", INTEGER, "number of iterations (steps)").between(1, 100_000_000).defaultsTo(100),
              ParamSpec.of("rounds", INTEGER, "SHA-256 rounds per iteration").between(1, 1_000_000).defaultsTo(1000),
              ParamSpec.of("pace_ms", INTEGER, "pause per iteration, to watch it run").between(0, 60_000).defaultsTo(0)));

  @Override
  public TaskTypeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public TaskRun start(TaskInput in) {
    JsonObject d = in.data();
    double[] input = d.getJsonArray("input").getValuesAs(JsonNumber.class).stream().mapToDouble(JsonNumber::doubleValue).toArray();
    Run run =
        new Run(
            d.getString("operation", BOTH),
            input,
            d.getInt("iterations", 100),
            d.getInt("rounds", 1000),
            d.getInt("pace_ms", 0),
            in.pacer());
    if (in.checkpoint() == null) {
      run.digest = Digests.sha256().digest(d.getJsonArray("input").toString().getBytes(StandardCharsets.UTF_8));
      run.x = 0;
      for (double v : input) {
        run.x += v;
      }
    } else {
      JsonObject c = in.checkpoint();
      run.done = c.getInt("iteration");
      run.digest = Digests.unhex(c.getString("digest"));
      run.x = c.getJsonNumber("x").doubleValue();
      run.sum = c.getJsonNumber("sum").doubleValue();
    }
    return run;
  }

  private static final class Run implements TaskRun {
    private final String operation;
    private final double[] input;
    private final int iterations;
    private final int rounds;
    private final int paceMs;
    private final Pacer pacer;
    private final int checkpointEvery;
    private final MessageDigest sha = Digests.sha256();
    int done;
    byte[] digest;
    double x;
    double sum;

    Run(String operation, double[] input, int iterations, int rounds, int paceMs, Pacer pacer) {
      this.operation = operation;
      this.input = input;
      this.iterations = iterations;
      this.rounds = rounds;
      this.paceMs = paceMs;
      this.pacer = pacer;
      this.checkpointEvery = Math.max(1, iterations / 10);
    }

    @Override
    public boolean isDone() {
      return done >= iterations;
    }

    @Override
    public void step() {
      if (paceMs > 0) {
        pacer.pause(paceMs);
      }
      if (!operation.equals(SERIES)) {
        byte[] d = digest;
        for (int r = 0; r < rounds; r++) {
          d = sha.digest(d);
        }
        digest = d;
      }
      if (!operation.equals(HASH_CHAIN)) {
        x = x * 0.5 + input[done % input.length] / (done + 1);
        sum += x;
      }
      done++;
    }

    @Override
    public int progress() {
      return (int) (done * 100L / iterations);
    }

    @Override
    public String progressMessage() {
      return "iteration " + done + " of " + iterations;
    }

    @Override
    public boolean wantsCheckpoint() {
      return done % checkpointEvery == 0 && !isDone();
    }

    @Override
    public JsonObject checkpoint() {
      return Jsonp.object()
          .add("iteration", done)
          .add("digest", Digests.hex(digest))
          .add("x", x)
          .add("sum", sum)
          .build();
    }

    @Override
    public JsonValue result() {
      JsonObjectBuilder r = Jsonp.object().add("operation", operation).add("iterations", iterations);
      if (!operation.equals(SERIES)) {
        r.add("digest", Digests.hex(digest));
      }
      if (!operation.equals(HASH_CHAIN)) {
        r.add("value", sum);
      }
      return r.build();
    }
  }
}
