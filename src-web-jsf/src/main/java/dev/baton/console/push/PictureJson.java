package dev.baton.console.push;

import dev.baton.cluster.ClusterSnapshot;
import dev.baton.cluster.WorkerRecord;
import dev.baton.console.charts.ChartSeries;
import dev.baton.event.BatonEvent;
import dev.baton.json.Jsonp;
import dev.baton.manager.cluster.control.LiveWorkers;
import dev.baton.manager.cluster.entity.ClusterPicture;
import dev.baton.manager.cluster.entity.WorkerCondition;
import dev.baton.manager.system.control.Explanations;
import dev.baton.manager.system.entity.SystemStatus;
import dev.baton.task.TaskStatus;
import dev.baton.task.TaskSummary;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.List;

/**
 * The JSON the console's pages receive: the picture of the cluster (workers, their tasks, the queue,
 * counts), what happened since the last push (events in words), the newest chart points, the scenario run.
 * Field names are short: a page receives a few of these a second.
 */
public final class PictureJson {
  private PictureJson() {}

  static String message(long seq, ClusterPicture p, PushCoalescer.Batch batch, List<ChartSeries.Point> points) {
    JsonObjectBuilder m = picture(p).add("seq", seq);
    JsonArrayBuilder events = Jsonp.array();
    for (BatonEvent e : batch.events()) {
      events.add(event(e));
    }
    m.add("events", events).add("dropped", batch.dropped());
    JsonArrayBuilder changed = Jsonp.array();
    if (batch.changedTasks() != null) {
      batch.changedTasks().forEach(changed::add);
    }
    m.add(
        "changed",
        Jsonp.object()
            .add("tasks", batch.tasksChanged())
            .add("all", batch.changedTasks() == null)
            .add("ids", changed)
            .add("workers", batch.workersChanged()));
    JsonArrayBuilder chart = Jsonp.array();
    points.forEach(pt -> chart.add(point(pt)));
    m.add("chart", chart);
    if (batch.scenario() != null) {
      m.add("scenario", Jsonp.parse(dev.baton.manager.config.JsonBinding.JSONB.toJson(batch.scenario())));
    }
    return m.build().toString();
  }

  /** The picture alone (a page's first state, rendered into it). */
  public static JsonObjectBuilder picture(ClusterPicture p) {
    ClusterSnapshot s = p.snapshot();
    Instant now = s.at();
    JsonObjectBuilder m = Jsonp.object().add("now", now.toEpochMilli());
    int alive = 0;
    int slots = 0;
    int busy = 0;
    JsonArrayBuilder workers = Jsonp.array();
    for (WorkerRecord w : s.workers()) {
      boolean isAlive = LiveWorkers.isAlive(w, now);
      if (isAlive) {
        alive++;
        slots += w.slots();
        busy += w.activeTasks().size();
      }
      workers.add(worker(w, p.conditions().get(w.id()), isAlive, p.canRestart()));
    }
    m.add("workers", workers);
    JsonArrayBuilder tasks = Jsonp.array();
    s.tasks().forEach(t -> tasks.add(task(t)));
    m.add("tasks", tasks);
    JsonArrayBuilder waiting = Jsonp.array();
    s.oldestWaiting().forEach(t -> waiting.add(task(t)));
    m.add("queue", Jsonp.object().add("n", s.waiting()).add("shown", waiting));
    JsonObjectBuilder counts = Jsonp.object();
    long total = 0;
    for (TaskStatus st : TaskStatus.values()) {
      long n = s.counts().getOrDefault(st, 0L);
      counts.add(st.name(), n);
      total += n;
    }
    m.add("counts", counts).add("total", total);
    SystemStatus.Component b = p.broker();
    boolean brokerUp = b != null && "UP".equals(b.status());
    JsonObjectBuilder broker = Jsonp.object().add("up", brokerUp);
    if (b != null && b.queueDepth() != null) {
      broker.add("depth", b.queueDepth());
    }
    if (b != null && b.error() != null) {
      broker.add("error", b.error());
    }
    m.add(
        "system",
        Jsonp.object()
            .add("status", brokerUp && alive > 0 ? "UP" : "DEGRADED")
            .add("redis", Jsonp.object().add("up", true).add("ms", Math.round(p.redisMs() * 100) / 100.0))
            .add("broker", broker)
            .add("workers", Jsonp.object().add("alive", alive).add("slots", slots).add("busy", busy))
            .add("restarts", p.canRestart()));
    return m;
  }

  static JsonObject worker(WorkerRecord w, WorkerCondition c, boolean alive, boolean canRestart) {
    JsonArrayBuilder types = Jsonp.array();
    w.types().forEach(types::add);
    JsonArrayBuilder owned = Jsonp.array();
    w.activeTasks().forEach(owned::add);
    JsonObjectBuilder b =
        Jsonp.object()
            .add("id", w.id())
            .add("status", w.status().name())
            .add("cond", c == null ? w.status().name() : c.code().name())
            .add("label", c == null ? w.status().name() : c.label())
            .add("why", c == null ? "" : c.detail())
            .add("alive", alive)
            .add("slots", w.slots())
            .add("busy", w.activeTasks().size())
            .add("factor", w.overloadFactor())
            .add("types", types)
            .add("tasks", owned)
            .add("restartable", canRestart && !alive && w.id().matches("worker-\\d{1,3}"));
    if (w.lastHeartbeat() != null) {
      b.add("hb", w.lastHeartbeat().toEpochMilli());
    }
    if (w.leaseUntil() != null) {
      b.add("lease", w.leaseUntil().toEpochMilli());
    }
    return b.build();
  }

  static JsonObject task(TaskSummary t) {
    JsonObjectBuilder b =
        Jsonp.object()
            .add("id", t.id())
            .add("s", t.status().name())
            .add("type", t.type() == null ? "?" : t.type())
            .add("prio", t.priority())
            .add("p", t.progress())
            .add("e", t.epoch())
            .add("att", t.attempt())
            .add("cps", t.checkpoints());
    if (t.progressMessage() != null) {
      b.add("msg", t.progressMessage());
    }
    if (t.workerId() != null) {
      b.add("w", t.workerId());
    }
    if (t.checkpointProgress() != null) {
      b.add("cpp", t.checkpointProgress());
    }
    if (t.lastCheckpointAt() != null) {
      b.add("cpat", t.lastCheckpointAt().toEpochMilli());
    }
    if (t.migrationTarget() != null) {
      b.add("to", t.migrationTarget());
    }
    if (t.released()) {
      b.add("rel", true);
    }
    if (t.createdAt() != null) {
      b.add("c", t.createdAt().toEpochMilli());
    }
    return b.build();
  }

  static JsonObject event(BatonEvent e) {
    Explanations.Explanation x = Explanations.of(e);
    JsonObjectBuilder b =
        Jsonp.object().add("id", e.id()).add("type", e.type()).add("at", e.at().toEpochMilli()).add("text", x.text()).add("notable", x.notable());
    if (!x.why().isEmpty()) {
      b.add("why", x.why());
    }
    if (e.taskId() != null) {
      b.add("task", e.taskId());
    }
    if (e.workerId() != null && !e.workerId().isEmpty()) {
      b.add("worker", e.workerId());
    }
    if (x.notable()) {
      JsonObjectBuilder d = Jsonp.object(); // what the picture labels a move with: epochs, checkpoint, target
      for (String k : List.of("epoch", "previous_epoch", "progress", "checkpoint", "previous_worker", "target", "forced", "mode")) {
        String v = e.fields().get(k);
        if (v != null && !v.isEmpty()) {
          d.add(k, v);
        }
      }
      b.add("d", d);
    }
    return b.build();
  }

  static JsonObject point(ChartSeries.Point p) {
    JsonObjectBuilder b = Jsonp.object().add("t", p.t()).add("done", p.completed()).add("failed", p.failed());
    addIf(b, "waiting", p.waiting());
    addIf(b, "running", p.running());
    addIf(b, "s50", p.startP50());
    addIf(b, "s95", p.startP95());
    addIf(b, "f50", p.finishP50());
    addIf(b, "f95", p.finishP95());
    return b.build();
  }

  /** Chart points as a JSON array (a page's first state). */
  public static String points(List<ChartSeries.Point> points) {
    JsonArrayBuilder a = Jsonp.array();
    points.forEach(p -> a.add(point(p)));
    return a.build().toString();
  }

  /** Events as a JSON array, newest first as given (a page's first state). */
  public static String events(List<BatonEvent> events) {
    JsonArrayBuilder a = Jsonp.array();
    events.forEach(e -> a.add(event(e)));
    return a.build().toString();
  }

  private static void addIf(JsonObjectBuilder b, String name, Long v) {
    if (v != null) {
      b.add(name, v);
    }
  }
}
