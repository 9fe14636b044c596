package dev.baton.demo;

import dev.baton.client.BatonClient;
import dev.baton.client.BatonException;
import dev.baton.client.ProblemException;
import dev.baton.client.ScenarioRun;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Runs one of the seed's demo scenarios ({@code demo-scenario}, {@code demo-load-balancing}, {@code
 * demo-cascade}) on the manager's scenario engine, the same one the console uses, and prints its narration
 * as it happens: each step when the system reaches it, what happens to the tasks and workers, and the
 * summary with the exactly-once check. The exit code says whether the scenario passed.
 */
public final class Scenarios {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());
  private static final Duration FOLLOW_EVERY = Duration.ofMillis(200);
  private static final Duration AT_MOST = Duration.ofMinutes(15);

  private Scenarios() {}

  public static void main(String[] args) throws Exception {
    String name = args.length > 0 ? args[0] : "demo-scenario";
    String url = "http://127.0.0.1:8080";
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--url")) {
        url = args[++i];
      } else {
        throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    System.exit(run(BatonClient.builder(url).credentialsFromEnvironment().build(), name));
  }

  /** @return 0 if the scenario passed, 1 if it did not, 2 if it could not start */
  static int run(BatonClient baton, String name) throws InterruptedException {
    ScenarioRun run;
    try {
      run = baton.startScenario(name);
    } catch (ProblemException e) {
      System.out.println("The scenario could not start: " + e.detail());
      return 2;
    }
    System.out.println("== " + run.title() + " ==  (run " + run.id() + "; the console shows it too)");
    int printed = -1;
    long deadline = System.nanoTime() + AT_MOST.toNanos();
    while (true) {
      for (ScenarioRun.Line line : run.log()) {
        if (line.n() > printed) {
          printed = line.n();
          print(line);
        }
      }
      if (!run.isRunning()) {
        System.out.println("== " + run.state() + " ==");
        return run.ok() ? 0 : 1;
      }
      if (System.nanoTime() > deadline) {
        System.out.println("The scenario did not end within " + AT_MOST.toMinutes() + " minutes");
        return 1;
      }
      Thread.sleep(FOLLOW_EVERY.toMillis()); // following the run's narration, bounded by the deadline
      run = follow(baton, run.id());
    }
  }

  private static void print(ScenarioRun.Line line) {
    switch (line.kind()) {
      case "summary" -> System.out.println(line.text());
      case "step" -> System.out.println(CLOCK.format(line.at()) + " " + line.text());
      default -> System.out.println("   " + CLOCK.format(line.at()) + " " + line.text().strip());
    }
  }

  /** The run's state; the manager may be away for a moment (a scenario restarts it). */
  private static ScenarioRun follow(BatonClient baton, String runId) throws InterruptedException {
    for (int attempt = 0; ; attempt++) {
      try {
        return baton.scenarioRun(runId);
      } catch (BatonException e) {
        if (attempt >= 50) {
          throw new IllegalStateException("lost the manager while following the scenario: " + e.getMessage(), e);
        }
        Thread.sleep(FOLLOW_EVERY.toMillis()); // the manager is away for a moment
      }
    }
  }
}
