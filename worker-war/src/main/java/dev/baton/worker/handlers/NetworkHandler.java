package dev.baton.worker.handlers;

import static dev.baton.task.ParamSpec.Kind.INTEGER;

import dev.baton.json.Jsonp;
import dev.baton.task.ParamSpec;
import dev.baton.task.TaskTypeDescriptor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Real HTTP over loopback: POSTs {@code requests} payloads to the manager's echo endpoint, checks each
 * answer (the payload's SHA-256) and chains them. A failed call is retried with backoff, up to {@code
 * retries} times per request; after that the task asks for a retry of its own ({@link RetryRequested}),
 * which its retry policy grants or not.
 */
@ApplicationScoped
public class NetworkHandler implements TaskHandler {
  /** The cluster's internal token (baton.internal.token), with which workers call the manager; null without one. */
  private static final String INTERNAL_TOKEN = internalToken();

  private static String internalToken() {
    try {
      return org.eclipse.microprofile.config.ConfigProvider.getConfig().getOptionalValue("baton.internal.token", String.class).orElse(null);
    } catch (IllegalStateException | java.util.ServiceConfigurationError noConfig) {
      return null; // outside a container (unit tests)
    }
  }

  private static final Duration TASK_RETRY_COUNTDOWN = Duration.ofSeconds(2);
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).version(HttpClient.Version.HTTP_1_1).build();

  private static final TaskTypeDescriptor DESCRIPTOR =
      new TaskTypeDescriptor(
          "network",
          "calls the manager's echo endpoint over HTTP and verifies every answer",
          List.of(
              ParamSpec.of("requests", INTEGER, "number of calls (steps)").between(1, 100_000).defaultsTo(10),
              ParamSpec.of("payload_bytes", INTEGER, "bytes sent per call").between(0, 1 << 20).defaultsTo(1024),
              ParamSpec.of("retries", INTEGER, "retries per call on errors").between(0, 10).defaultsTo(3),
              ParamSpec.of("pace_ms", INTEGER, "pause per call, to watch it run").between(0, 60_000).defaultsTo(0)));

  @Override
  public TaskTypeDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public TaskRun start(TaskInput in) {
    JsonObject d = in.data();
    Run run =
        new Run(in, d.getInt("requests", 10), d.getInt("payload_bytes", 1024), d.getInt("retries", 3), d.getInt("pace_ms", 0));
    if (in.checkpoint() == null) {
      run.digest = new byte[32];
    } else {
      run.done = in.checkpoint().getInt("request");
      run.digest = Digests.unhex(in.checkpoint().getString("chain"));
    }
    return run;
  }

  private static final class Run implements TaskRun {
    private final TaskInput in;
    private final int requests;
    private final int payloadBytes;
    private final int retries;
    private final int paceMs;
    private final URI echo;
    int done;
    byte[] digest;
    private int retried;

    Run(TaskInput in, int requests, int payloadBytes, int retries, int paceMs) {
      this.in = in;
      this.requests = requests;
      this.payloadBytes = payloadBytes;
      this.retries = retries;
      this.paceMs = paceMs;
      this.echo = in.managerUrl().resolve("/api/echo");
    }

    @Override
    public boolean isDone() {
      return done >= requests;
    }

    @Override
    public void step() throws IOException, RetryRequested {
      if (paceMs > 0) {
        in.pacer().pause(paceMs);
      }
      byte[] payload = new byte[payloadBytes];
      Seeds.at(in.taskId(), done).nextBytes(payload);
      String expected = Digests.hex(Digests.sha256().digest(payload));
      for (int attempt = 0; ; attempt++) {
        try {
          String answer = call(payload);
          if (!answer.equals(expected)) {
            throw new IOException("echo answered " + answer + ", expected " + expected);
          }
          break;
        } catch (RetryableCallFailure e) {
          if (attempt >= retries) {
            // transient: the whole task is worth another attempt later, from its last checkpoint
            throw new RetryRequested(
                TASK_RETRY_COUNTDOWN, "call " + (done + 1) + " failed after " + (attempt + 1) + " attempts: " + e.getMessage());
          }
          retried++;
          in.pacer().pause(100L << attempt);
        }
      }
      digest = Digests.chain(digest, Digests.unhex(expected), 32);
      done++;
    }

    private String call(byte[] payload) throws IOException {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(echo)
              .timeout(Duration.ofSeconds(10))
              .header("Content-Type", "application/octet-stream")
              .POST(HttpRequest.BodyPublishers.ofByteArray(payload));
      if (INTERNAL_TOKEN != null) {
        b.header("Authorization", "Bearer " + INTERNAL_TOKEN); // the echo is behind the manager's login like all its API
      }
      HttpRequest request = b.build();
      HttpResponse<String> response;
      try {
        response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new RetryableCallFailure(e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StopRequested("interrupted during a call");
      }
      if (response.statusCode() >= 500 || response.statusCode() == 429) {
        throw new RetryableCallFailure("HTTP " + response.statusCode());
      }
      if (response.statusCode() != 200) {
        throw new IOException("echo answered HTTP " + response.statusCode() + ": " + response.body());
      }
      return Jsonp.parseObject(response.body()).getString("sha256");
    }

    @Override
    public int progress() {
      return done * 100 / requests;
    }

    @Override
    public String progressMessage() {
      return "call " + done + " of " + requests + (retried > 0 ? ", " + retried + " retried" : "");
    }

    @Override
    public JsonObject checkpoint() {
      return Jsonp.object().add("request", done).add("chain", Digests.hex(digest)).build();
    }

    @Override
    public JsonValue result() {
      return Jsonp.object()
          .add("requests", requests)
          .add("bytes_sent", (long) requests * payloadBytes)
          .add("chain", Digests.hex(digest))
          .build();
    }
  }

  /** A call that may succeed if tried again (connection refused, timeout, 5xx). */
  private static final class RetryableCallFailure extends IOException {
    private static final long serialVersionUID = 1L;

    RetryableCallFailure(String message) {
      super(message);
    }
  }
}
