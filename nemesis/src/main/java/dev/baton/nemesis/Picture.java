package dev.baton.nemesis;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * The run as Jepsen draws it: tasks completed per second and every client call's latency over time (ok, failed,
 * unknown), with each fault a band from its break to its heal. PNG and SVG, as the experiments' plots.
 */
final class Picture {
  private static final Map<String, Color> COLORS = Map.of(
      "kill", new Color(0xd6, 0x27, 0x28), "pause", new Color(0x94, 0x67, 0xbd), "partition", new Color(0xff, 0x7f, 0x0e),
      "one-way", new Color(0xbc, 0xbd, 0x22), "split", new Color(0x8c, 0x56, 0x4b), "partition-redis", new Color(0x17, 0xbe, 0xcf),
      "partition-broker", new Color(0x2c, 0xa0, 0x2c), "kill-redis", new Color(0x1f, 0x77, 0xb4), "kill-broker", new Color(0x7f, 0x7f, 0x7f),
      "kill-manager", new Color(0xe3, 0x77, 0xc2));

  private Picture() {}

  static void write(Path base, long startMs, List<Availability.Interval> faults, List<Call> calls, Map<String, Observed> tasks)
      throws IOException {
    XYSeries done = new XYSeries("tasks completed per second");
    Map<Long, Integer> perSecond = new TreeMap<>();
    for (Observed t : tasks.values()) {
      t.history().stream().filter(h -> "COMPLETED".equals(h.to()))
          .forEach(h -> perSecond.merge((h.at() - startMs) / 1000, 1, Integer::sum));
    }
    long last = perSecond.isEmpty() ? 0 : ((TreeMap<Long, Integer>) perSecond).lastKey();
    for (long s = 0; s <= last; s++) { // a second without a completion is a zero, not a gap the line jumps
      done.add(s, perSecond.getOrDefault(s, 0));
    }
    XYPlot throughput = new XYPlot(new XYSeriesCollection(done), null, new NumberAxis("completed / s"), lines(new Color(0x1f, 0x77, 0xb4)));

    XYSeries ok = new XYSeries("call ok");
    XYSeries failed = new XYSeries("call failed");
    XYSeries unknown = new XYSeries("call unknown (timeout, 5xx)");
    for (Call c : calls) {
      double x = (c.invokedMs() - startMs) / 1000.0;
      double y = Math.max(1, c.latencyMs());
      (c.ok() ? ok : c.outcome() == Op.Type.FAIL ? failed : unknown).add(x, y);
    }
    XYSeriesCollection latencies = new XYSeriesCollection();
    latencies.addSeries(ok);
    latencies.addSeries(failed);
    latencies.addSeries(unknown);
    XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(false, true);
    dots.setSeriesPaint(0, new Color(0x1f, 0x77, 0xb4, 0x80));
    dots.setSeriesPaint(1, new Color(0xff, 0x7f, 0x0e));
    dots.setSeriesPaint(2, new Color(0xd6, 0x27, 0x28));
    for (int i = 0; i < 3; i++) {
      dots.setSeriesShape(i, new java.awt.geom.Ellipse2D.Double(-1.5, -1.5, 3, 3));
    }
    LogAxis ms = new LogAxis("call latency (ms)");
    ms.setSmallestValue(1);
    ms.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1)); // a tick per power of ten
    ms.setNumberFormatOverride(new java.text.DecimalFormat("#,##0"));
    XYPlot latency = new XYPlot(latencies, null, ms, dots);

    for (Availability.Interval f : faults) {
      Color c = COLORS.getOrDefault(f.kind(), Color.GRAY);
      double from = (f.fromMs() - startMs) / 1000.0;
      double to = Math.max(from + 0.3, (f.toMs() - startMs) / 1000.0);
      for (XYPlot p : List.of(throughput, latency)) {
        IntervalMarker band = new IntervalMarker(from, to, new Color(c.getRed(), c.getGreen(), c.getBlue(), 0x40),
            new BasicStroke(1f), null, null, 1f);
        if (p == throughput) {
          band.setLabel(f.kind());
          band.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 9));
          band.setLabelAnchor(RectangleAnchor.TOP_LEFT);
          band.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        }
        p.addDomainMarker(band, Layer.BACKGROUND);
      }
    }

    CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis("seconds since the start"));
    plot.add(throughput, 1);
    plot.add(latency, 1);
    for (XYPlot p : List.of(throughput, latency)) {
      p.setBackgroundPaint(Color.WHITE);
      p.setDomainGridlinePaint(Color.LIGHT_GRAY);
      p.setRangeGridlinePaint(Color.LIGHT_GRAY);
    }
    JFreeChart chart = new JFreeChart("Nemesis: faults (bands), throughput and latency", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    ChartUtils.saveChartAsPNG(base.resolveSibling(base.getFileName() + ".png").toFile(), chart, 1200, 700);
    SVGGraphics2D svg = new SVGGraphics2D(1200, 700);
    chart.draw(svg, new Rectangle(0, 0, 1200, 700));
    Files.writeString(base.resolveSibling(base.getFileName() + ".svg"), svg.getSVGDocument(), StandardCharsets.UTF_8);
  }

  private static XYLineAndShapeRenderer lines(Color color) {
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
    r.setSeriesPaint(0, color);
    return r;
  }
}
