package dev.baton.console.charts;

import dev.baton.cluster.ClusterSnapshot;
import dev.baton.event.BatonEvent;
import dev.baton.task.TaskStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;

/**
 * The console's charts, one point a second over the last ten minutes: completions and failures per second
 * (exact and cluster-wide, from Redis' counters), tasks waiting and running (sampled from each picture),
 * and how long tasks waited to start and to finish (p50 and p95 over the ten seconds up to each point,
 * from the start and outcome events, which carry their task's creation time).
 */
@ApplicationScoped
public class ChartSeries {
  public static final int WINDOW_SECONDS = 600;
  static final int SECONDS = WINDOW_SECONDS;
  static final int LATENCY_WINDOW = 10;

  /**
   * One second of the charts; latencies in ms, null where no task started or finished in the window.
   *
   * @param t the second (epoch seconds)
   */
  public record Point(long t, long completed, long failed, Long waiting, Long running, Long startP50, Long startP95, Long finishP50, Long finishP95) {}

  private static final class Second {
    long t = -1;
    long completed;
    long failed;
    Long waiting;
    Long running;
    final LatencyHistogram started = new LatencyHistogram();
    final LatencyHistogram finished = new LatencyHistogram();

    void reset(long second) {
      t = second;
      completed = 0;
      failed = 0;
      waiting = null;
      running = null;
      started.clear();
      finished.clear();
    }
  }

  private final Object lock = new Object();
  private final Second[] ring = new Second[SECONDS];

  public ChartSeries() {
    for (int i = 0; i < SECONDS; i++) {
      ring[i] = new Second();
    }
  }

  /** Latencies from the events: created -> started (first start only) and created -> finished. */
  void onEvent(@Observes BatonEvent e) {
    switch (e.type()) {
      case "task.started", "task.completed", "task.failed" -> record(e);
      default -> {
        // not a latency
      }
    }
  }

  void record(BatonEvent e) {
    String created = e.fields().get("created_at");
    if (created == null) {
      return;
    }
    long at = e.at().toEpochMilli();
    long latency;
    try {
      latency = Math.max(0, at - Long.parseLong(created));
    } catch (NumberFormatException x) {
      return;
    }
    boolean start = e.type().equals("task.started");
    if (start && !"1".equals(e.fields().get("attempt"))) {
      return; // a restart after a failure is not the task's wait in the queue
    }
    synchronized (lock) {
      Second s = second(at / 1000);
      (start ? s.started : s.finished).record(latency);
    }
  }

  /** Counts from a picture: exact completions and failures of the last full seconds, and the current load. */
  public void sample(ClusterSnapshot snapshot) {
    long now = snapshot.at().getEpochSecond();
    synchronized (lock) {
      List<Long> done = snapshot.completedPerSecond();
      List<Long> failed = snapshot.failedPerSecond();
      for (int i = 0; i < done.size() && i < SECONDS - 1; i++) {
        Second s = second(now - 1 - i);
        s.completed = done.get(i);
        s.failed = i < failed.size() ? failed.get(i) : 0;
      }
      Second current = second(now);
      long waiting = count(snapshot, TaskStatus.CREATED) + count(snapshot, TaskStatus.RECOVERING) + count(snapshot, TaskStatus.RELEASED);
      current.waiting = waiting;
      current.running = count(snapshot, TaskStatus.RUNNING) + count(snapshot, TaskStatus.MIGRATING) + count(snapshot, TaskStatus.ASSIGNED);
    }
  }

  /** Every second of the window that has data, oldest first, up to {@code now} (epoch seconds). */
  public List<Point> window(long now) {
    List<Point> points = new ArrayList<>();
    synchronized (lock) {
      for (long t = now - SECONDS + 1; t <= now; t++) {
        Second s = ring[slot(t)];
        if (s.t == t) {
          points.add(point(t));
        }
      }
    }
    return points;
  }

  /** The points of the last {@code n} seconds up to {@code now} (the latest full second last). */
  public List<Point> latest(long now, int n) {
    List<Point> points = new ArrayList<>();
    synchronized (lock) {
      for (long t = now - n + 1; t <= now; t++) {
        Second s = ring[slot(t)];
        if (s.t == t) {
          points.add(point(t));
        }
      }
    }
    return points;
  }

  private Point point(long t) {
    Second s = ring[slot(t)];
    LatencyHistogram started = new LatencyHistogram();
    LatencyHistogram finished = new LatencyHistogram();
    for (long w = t - LATENCY_WINDOW + 1; w <= t; w++) {
      Second x = ring[slot(w)];
      if (x.t == w) {
        started.add(x.started);
        finished.add(x.finished);
      }
    }
    return new Point(
        t, s.completed, s.failed, s.waiting, s.running, orNull(started.percentile(0.5)), orNull(started.percentile(0.95)),
        orNull(finished.percentile(0.5)), orNull(finished.percentile(0.95)));
  }

  private Second second(long t) {
    Second s = ring[slot(t)];
    if (s.t != t) {
      s.reset(t);
    }
    return s;
  }

  private static int slot(long t) {
    return (int) Math.floorMod(t, (long) SECONDS);
  }

  private static long count(ClusterSnapshot s, TaskStatus status) {
    return s.counts().getOrDefault(status, 0L);
  }

  private static Long orNull(long v) {
    return v < 0 ? null : v;
  }
}
