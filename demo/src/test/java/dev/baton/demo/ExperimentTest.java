package dev.baton.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The experiments' files: the CSV read back, PNG and SVG written (the runs themselves need a cluster). */
class ExperimentTest {
  @TempDir Path dir;

  @Test
  void scalingRowsArePlottedAsPngAndSvg() throws Exception {
    System.setProperty("java.awt.headless", "true");
    Path csv = dir.resolve("scaling.csv");
    Files.writeString(
        csv,
        "workers,slots,tasks,tasks_per_s,start_p50_ms,start_p95_ms,finish_p50_ms,finish_p95_ms\n"
            + "1,4,500,310.5,40,90,44,95\n2,8,500,590.0,20,60,22,64\n");
    Experiment.plotScaling(csv, dir, "no-op tasks");
    assertEquals(2, Experiment.readScaling(csv).size());
    assertEquals(590.0, Experiment.readScaling(csv).get(1).tasksPerS());
    assertTrue(Files.size(dir.resolve("scaling.png")) > 1000);
    assertTrue(Files.readString(dir.resolve("scaling.svg")).contains("<svg"));
  }

  @Test
  void recoveryTimesAreWrittenAsCsvAndPlotted() throws Exception {
    System.setProperty("java.awt.headless", "true");
    Experiment.writeRecovery(
        List.of(
            new Experiment.Recovered(1, "worker-1", "a", 1_000, 1_140, "worker-2"),
            new Experiment.Recovered(1, "worker-1", "b", 1_000, 1_160, "worker-3")),
        dir);
    List<String> lines = Files.readAllLines(dir.resolve("recovery.csv"));
    assertEquals("1,worker-1,a,1000,1140,worker-2,140", lines.get(1));
    assertTrue(Files.size(dir.resolve("recovery.png")) > 1000);
    assertTrue(Files.readString(dir.resolve("recovery.svg")).contains("<svg"));
  }
}
