package dev.baton.demo;

import dev.baton.client.BatonClient;
import dev.baton.client.ProblemException;
import dev.baton.client.TaskRequest;
import dev.baton.client.Worker;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.awt.Color;
import java.awt.Rectangle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * Seed 003's experiments, as files a student can put in a thesis: a CSV, a plot (PNG and SVG, drawn with
 * JFreeChart) and a table on the console.
 *
 * <ul>
 *   <li>{@code plot-scaling CSV DIR}: throughput and latency against the number of workers, from the rows
 *       demo.sh's {@code experiment scaling} collected (one bench per cluster size);
 *   <li>{@code recovery --url U --launcher demo.sh --kills N --out DIR}: with two long tasks per live worker
 *       (free slots left, so a recovered task need not wait for one), kills (SIGKILL) a worker that runs
 *       tasks, N times, and measures for each task it held the time from the kill to the task running on
 *       another worker (from the task's own history, on the cluster's clock).
 * </ul>
 */
public final class Experiment {
  private static final Duration RESUME_WITHIN = Duration.ofSeconds(60);

  private Experiment() {}

  public static void main(String[] args) throws Exception {
    if ((args.length == 3 || args.length == 4) && args[0].equals("plot-scaling")) {
      plotScaling(Path.of(args[1]), Path.of(args[2]), args.length == 4 ? args[3] : "no-op tasks");
      return;
    }
    if (args.length > 0 && args[0].equals("recovery")) {
      Map<String, String> o = options(args);
      recovery(BatonClient.builder(o.get("--url")).credentialsFromEnvironment().build(), Path.of(o.get("--launcher")), Integer.parseInt(o.getOrDefault("--kills", "5")), Path.of(o.get("--out")));
      return;
    }
    throw new IllegalArgumentException("usage: plot-scaling CSV DIR [WHAT] | recovery --url U --launcher demo.sh --kills N --out DIR");
  }

  // ------------------------------------------------------------------------------------------------
  // Scaling

  /** One bench on a cluster of {@code workers} workers. */
  record ScalingPoint(int workers, int slots, int tasks, double tasksPerS, long startP50, long startP95, long finishP50, long finishP95) {
    static final String HEADER = "workers,slots,tasks,tasks_per_s,start_p50_ms,start_p95_ms,finish_p50_ms,finish_p95_ms";

    static ScalingPoint parse(String line) {
      String[] f = line.split(",");
      return new ScalingPoint(
          Integer.parseInt(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2]), Double.parseDouble(f[3]),
          Long.parseLong(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6]), Long.parseLong(f[7]));
    }
  }

  static List<ScalingPoint> readScaling(Path csv) throws IOException {
    List<ScalingPoint> points = new ArrayList<>();
    for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
      if (!line.isBlank() && !line.startsWith("workers")) {
        points.add(ScalingPoint.parse(line));
      }
    }
    return points;
  }

  /** The plot goes beside the CSV's name in {@code dir} (scaling.csv: scaling.png and scaling.svg). */
  static void plotScaling(Path csv, Path dir, String what) throws IOException {
    List<ScalingPoint> points = readScaling(csv);
    XYSeries throughput = new XYSeries("tasks per second");
    XYSeries p95 = new XYSeries("created -> finished p95 (ms)");
    for (ScalingPoint p : points) {
      throughput.add(p.workers(), p.tasksPerS());
      p95.add(p.workers(), p.finishP95());
    }
    JFreeChart chart =
        twoAxes("Throughput and latency against the number of workers (" + what + ")", "workers", throughput, "tasks per second", p95, "latency p95 (ms)");
    String name = csv.getFileName().toString().replaceFirst("\\.csv$", "");
    write(chart, dir.resolve(name));
    System.out.println();
    System.out.println("workers  slots  tasks   tasks/s   start p50/p95 (ms)   finish p50/p95 (ms)");
    for (ScalingPoint p : points) {
      System.out.printf(
          Locale.ROOT, "%7d  %5d  %5d  %8.0f   %8d / %-8d   %8d / %-8d%n",
          p.workers(), p.slots(), p.tasks(), p.tasksPerS(), p.startP50(), p.startP95(), p.finishP50(), p.finishP95());
    }
    System.out.printf("%nwritten: %s, %s, %s%n", csv, dir.resolve(name + ".png"), dir.resolve(name + ".svg"));
  }

  // ------------------------------------------------------------------------------------------------
  // Recovery

  /** One task that a killed worker held, and when it ran again elsewhere. */
  record Recovered(int kill, String worker, String taskId, long killAtMs, long resumedAtMs, String resumedOn) {
    long ms() {
      return resumedAtMs - killAtMs;
    }
  }

  static void recovery(BatonClient baton, Path launcher, int kills, Path out) throws Exception {
    Files.createDirectories(out);
    List<Recovered> all = new ArrayList<>();
    for (int k = 1; k <= kills; k++) {
      // two long tasks per live worker: slots stay free, so what is measured is recovery, not a queue
      List<String> load = submitLoad(baton, 2 * baton.status().workersAlive());
      Worker victim = awaitVictim(baton);
      String worker = victim.id();
      List<String> held = victim.runningTasks();
      long killAt = baton.status().checkedAt().toEpochMilli(); // the cluster's clock: the tasks' history is on it
      run(launcher, "kill", worker);
      List<Recovered> round = new ArrayList<>();
      for (String id : held) {
        round.add(awaitResumed(baton, k, worker, id, killAt));
      }
      all.addAll(round);
      System.out.printf(Locale.ROOT, "kill %d: %s held %d task(s); resumed elsewhere after %s ms%n", k, worker, held.size(),
          round.stream().map(r -> Long.toString(r.ms())).toList());
      run(launcher, "start"); // brings the killed worker back for the next round
      cancel(baton, load);
    }
    writeRecovery(all, out);
  }

  static void writeRecovery(List<Recovered> all, Path out) throws IOException {
    StringBuilder csv = new StringBuilder("kill,worker,task_id,kill_at_ms,resumed_at_ms,resumed_on,recovery_ms\n");
    XYSeries series = new XYSeries("kill -> resumed elsewhere (ms)");
    for (Recovered r : all) {
      csv.append(String.format(Locale.ROOT, "%d,%s,%s,%d,%d,%s,%d%n", r.kill(), r.worker(), r.taskId(), r.killAtMs(), r.resumedAtMs(), r.resumedOn(), r.ms()));
      series.add(r.kill(), r.ms());
    }
    Path file = out.resolve("recovery.csv");
    Files.writeString(file, csv, StandardCharsets.UTF_8);
    JFreeChart chart = scatter("Recovery after kill -9 of a worker, per task", "kill", series, "milliseconds");
    write(chart, out.resolve("recovery"));
    long[] ms = all.stream().mapToLong(Recovered::ms).sorted().toArray();
    System.out.println();
    System.out.printf(Locale.ROOT, "tasks recovered: %d   min %d ms   median %d ms   p95 %d ms   max %d ms%n",
        ms.length, ms[0], ms[ms.length / 2], ms[Math.min(ms.length - 1, (int) Math.ceil(0.95 * ms.length) - 1)], ms[ms.length - 1]);
    System.out.printf("written: %s, %s, %s%n", file, out.resolve("recovery.png"), out.resolve("recovery.svg"));
  }

  /** Long tasks on every worker: sleep tasks of 200 steps of 100 ms, each checkpointing every second. */
  private static List<String> submitLoad(BatonClient baton, int n) {
    TaskRequest longTask = TaskRequest.of("sleep").checkpointInterval(Duration.ofSeconds(1)).data(Map.of("steps", 200, "step_ms", 100));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(baton.submit(longTask).id());
    }
    return ids;
  }

  private static void cancel(BatonClient baton, List<String> ids) {
    for (String id : ids) {
      try {
        baton.cancel(id);
      } catch (ProblemException.Conflict finishedMeanwhile) {
        // nothing left to cancel
      }
    }
  }

  /** A live worker running at least one task, for at least two seconds (so it has a checkpoint). */
  private static Worker awaitVictim(BatonClient baton) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    Map<String, Long> busySince = new HashMap<>();
    while (System.currentTimeMillis() < deadline) {
      for (Worker w : baton.workers()) {
        if (w.alive() && !w.runningTasks().isEmpty()) {
          long since = busySince.computeIfAbsent(w.id(), k -> System.currentTimeMillis());
          if (System.currentTimeMillis() - since >= 2_000) {
            return w;
          }
        }
      }
      Thread.sleep(200); // polling the cluster's state, bounded by the deadline
    }
    throw new IllegalStateException("no worker ran a task within 60 s");
  }

  private static Recovered awaitResumed(BatonClient baton, int kill, String worker, String id, long killAt) throws InterruptedException {
    long deadline = System.currentTimeMillis() + RESUME_WITHIN.toMillis();
    while (System.currentTimeMillis() < deadline) {
      for (JsonValue h : baton.get(id).json().getJsonArray("history")) {
        JsonObject e = h.asJsonObject();
        long at = Instant.parse(e.getString("at")).toEpochMilli();
        if (e.getString("to").equals("RUNNING") && at >= killAt && !worker.equals(e.getString("worker", null))) {
          return new Recovered(kill, worker, id, killAt, at, e.getString("worker"));
        }
      }
      Thread.sleep(100); // polling the task, bounded by the deadline
    }
    throw new IllegalStateException("task " + id + " of " + worker + " did not run elsewhere within " + RESUME_WITHIN);
  }

  private static void run(Path launcher, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(launcher.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("BATON_NO_BUILD", "1"); // the running cluster's build, whatever changed in the sources since
    Process p = pb.start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + " failed");
    }
  }

  // ------------------------------------------------------------------------------------------------
  // Charts

  private static JFreeChart twoAxes(String title, String x, XYSeries left, String leftLabel, XYSeries right, String rightLabel) {
    XYPlot plot = new XYPlot();
    plot.setDomainAxis(integerAxis(x));
    plot.setDataset(0, new XYSeriesCollection(left));
    plot.setRangeAxis(0, new NumberAxis(leftLabel));
    plot.setRenderer(0, lines(new Color(0x1f, 0x77, 0xb4)));
    plot.setDataset(1, new XYSeriesCollection(right));
    plot.setRangeAxis(1, new NumberAxis(rightLabel));
    plot.mapDatasetToRangeAxis(1, 1);
    plot.setRenderer(1, lines(new Color(0xd6, 0x27, 0x28)));
    return styled(new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true));
  }

  private static JFreeChart scatter(String title, String x, XYSeries series, String y) {
    XYPlot plot = new XYPlot(new XYSeriesCollection(series), integerAxis(x), new NumberAxis(y), new XYLineAndShapeRenderer(false, true));
    return styled(new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true));
  }

  private static NumberAxis integerAxis(String label) {
    NumberAxis axis = new NumberAxis(label);
    axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    return axis;
  }

  private static XYLineAndShapeRenderer lines(Color color) {
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
    r.setSeriesPaint(0, color);
    return r;
  }

  private static JFreeChart styled(JFreeChart chart) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.getXYPlot().setBackgroundPaint(Color.WHITE);
    chart.getXYPlot().setDomainGridlinePaint(Color.LIGHT_GRAY);
    chart.getXYPlot().setRangeGridlinePaint(Color.LIGHT_GRAY);
    return chart;
  }

  /** {@code base}.png and {@code base}.svg, 900 x 500. */
  static void write(JFreeChart chart, Path base) throws IOException {
    ChartUtils.saveChartAsPNG(base.resolveSibling(base.getFileName() + ".png").toFile(), chart, 900, 500);
    SVGGraphics2D svg = new SVGGraphics2D(900, 500);
    chart.draw(svg, new Rectangle(0, 0, 900, 500));
    Files.writeString(base.resolveSibling(base.getFileName() + ".svg"), svg.getSVGDocument(), StandardCharsets.UTF_8);
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> o = new HashMap<>();
    for (int i = 1; i + 1 < args.length; i += 2) {
      o.put(args[i], args[i + 1]);
    }
    return o;
  }
}
