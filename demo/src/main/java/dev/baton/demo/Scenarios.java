package dev.baton.demo;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Runs one of the seed's demo scenarios ({@code demo-scenario}, {@code demo-load-balancing}, {@code
 * demo-cascade}) on the manager's scenario engine, the same one the console uses, and prints its narration
 * as it happens: each step when the system reaches it, what happens to the tasks and workers, and the
 * summary with the exactly-once check. The exit code says whether the scenario passed.
 */
public final class Scenarios {
  private static final JsonProvider JSON = JsonProvider.provider();
  private static final HttpClient HTTP = ApiHttp.CLIENT;
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());
  private static final Duration FOLLOW_EVERY = Duration.ofMillis(200);
  private static final Duration AT_MOST = Duration.ofMinutes(15);

  private Scenarios() {}

  public static void main(String[] args) throws Exception {
    String name = args.length > 0 ? args[0] : "demo-scenario";
    URI url = URI.create("http://127.0.0.1:8080");
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--url")) {
        url = URI.create(args[++i]);
      } else {
        throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    System.exit(run(url, name));
  }

  /** @return 0 if the scenario passed, 1 if it did not, 2 if it could not start */
  static int run(URI manager, String name) throws IOException, InterruptedException {
    HttpResponse<String> started =
        HTTP.send(
            HttpRequest.newBuilder(manager.resolve("/api/scenarios/" + name + "/runs")).POST(HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString());
    JsonObject answer = json(started.body());
    if (started.statusCode() != 202) {
      System.out.println("The scenario could not start: " + answer.getString("detail", started.body()));
      return 2;
    }
    JsonObject run = answer;
    System.out.println("== " + run.getString("title") + " ==  (run " + run.getString("id") + "; the console shows it too)");
    int printed = -1;
    long deadline = System.nanoTime() + AT_MOST.toNanos();
    while (true) {
      for (JsonValue v : run.getJsonArray("log")) {
        JsonObject line = v.asJsonObject();
        if (line.getInt("n") > printed) {
          printed = line.getInt("n");
          print(line);
        }
      }
      if (!run.getString("state").equals("RUNNING")) {
        System.out.println("== " + run.getString("state") + " ==");
        return run.getBoolean("ok", false) ? 0 : 1;
      }
      if (System.nanoTime() > deadline) {
        System.out.println("The scenario did not end within " + AT_MOST.toMinutes() + " minutes");
        return 1;
      }
      Thread.sleep(FOLLOW_EVERY.toMillis()); // following the run's narration, bounded by the deadline
      run = follow(manager, run.getString("id"));
    }
  }

  private static void print(JsonObject line) {
    String text = line.getString("text");
    switch (line.getString("kind")) {
      case "summary" -> System.out.println(text);
      case "step" -> System.out.println(CLOCK.format(Instant.parse(line.getString("at"))) + " " + text);
      default -> System.out.println("   " + CLOCK.format(Instant.parse(line.getString("at"))) + " " + text.strip());
    }
  }

  private static JsonObject follow(URI manager, String runId) throws InterruptedException {
    for (int attempt = 0; ; attempt++) {
      try {
        HttpResponse<String> r =
            HTTP.send(HttpRequest.newBuilder(manager.resolve("/api/scenarios/runs/" + runId)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return json(r.body());
        }
        throw new IOException("answered " + r.statusCode() + ": " + r.body());
      } catch (IOException e) {
        if (attempt >= 50) {
          throw new IllegalStateException("lost the manager while following the scenario: " + e.getMessage(), e);
        }
        Thread.sleep(FOLLOW_EVERY.toMillis()); // the manager is away for a moment
      }
    }
  }

  private static JsonObject json(String body) {
    return JSON.createReader(new StringReader(body)).readObject();
  }
}
