package dev.baton.manager.tasks.entity;

import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;

/**
 * Writes tasks as JSON by hand, byte for byte what JSON-B writes for {@link TaskView}, {@link TaskBatch} and
 * {@link TaskPage} (snake_case, in their property order, nillable fields as null, other absent ones left out) -
 * {@code TaskJsonTest} holds the two side by side. The answers that carry many tasks (a batch of 1,000 created, a
 * page of a listing) spent most of their time in JSON-B's per-property machinery, not in writing (ADR 0059).
 */
public final class TaskJson {
  private TaskJson() {}

  public static String of(TaskView t) {
    StringBuilder b = new StringBuilder(1024);
    task(b, t);
    return b.toString();
  }

  public static String of(TaskBatch batch) {
    StringBuilder b = new StringBuilder(256 + 800 * batch.tasks().size());
    b.append("{\"count\":").append(batch.count()).append(",\"tasks\":");
    tasks(b, batch.tasks());
    return b.append('}').toString();
  }

  public static String of(TaskPage page) {
    StringBuilder b = new StringBuilder(256 + 800 * page.tasks().size());
    b.append("{\"tasks\":");
    tasks(b, page.tasks());
    b.append(",\"total\":").append(page.total()).append(",\"offset\":").append(page.offset()).append(",\"limit\":").append(page.limit());
    b.append(",\"next\":");
    string(b, page.next());
    return b.append('}').toString();
  }

  private static void tasks(StringBuilder b, List<TaskView> tasks) {
    if (tasks == null) {
      b.append("null");
    } else {
      array(b, tasks, TaskJson::task);
    }
  }

  /** A JSON array of the items, each written by {@code item}. */
  private static <T> void array(StringBuilder b, List<T> items, java.util.function.BiConsumer<StringBuilder, T> item) {
    b.append('[');
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      item.accept(b, items.get(i));
    }
    b.append(']');
  }

  private static void task(StringBuilder b, TaskView t) {
    b.append('{');
    Fields f = new Fields(b);
    f.string("id", t.id(), false);
    f.string("type", t.type(), false);
    f.string("status", t.status() == null ? null : t.status().name(), false);
    f.number("priority", t.priority());
    f.json("data", t.data(), false);
    f.number("progress", t.progress());
    f.string("progress_message", t.progressMessage(), true);
    f.string("worker_id", t.workerId(), true);
    f.number("attempt", t.attempt());
    f.number("epoch", t.epoch());
    f.instant("created_at", t.createdAt(), false);
    f.instant("updated_at", t.updatedAt(), false);
    f.instant("started_at", t.startedAt(), true);
    f.instant("finished_at", t.finishedAt(), true);
    f.json("result", t.result(), true);
    f.string("error", t.error(), true);
    f.json("checkpoint_data", t.checkpointData(), true);
    f.instant("last_checkpoint_at", t.lastCheckpointAt(), true);
    f.number("checkpoints", t.checkpoints());
    f.integer("checkpoint_interval_s", t.checkpointIntervalS(), true);
    f.number("max_retries", t.maxRetries());
    f.number("retries", t.retries());
    f.string("retry_backoff", t.retryBackoff(), false);
    f.number("retry_delay_ms", t.retryDelayMs());
    f.number("retry_max_delay_ms", t.retryMaxDelayMs());
    f.instant("next_attempt_at", t.nextAttemptAt(), true);
    f.instant("run_at", t.runAt(), true);
    f.integer("time_limit_s", t.timeLimitS(), true);
    f.integer("soft_time_limit_s", t.softTimeLimitS(), true);
    f.instant("expires_at", t.expiresAt(), true);
    f.string("label", t.label(), true);
    f.string("queue", t.queue(), false);
    f.string("parked_reason", t.parkedReason(), true);
    f.name("critical").append(t.critical());
    f.string("owner", t.owner(), true);
    if (t.dependsOn() != null) {
      array(f.name("depends_on"), t.dependsOn(), TaskJson::string);
    }
    f.number("parents_left", t.parentsLeft());
    f.json("parent_results", t.parentResults(), true);
    if (t.history() != null) {
      array(f.name("history"), t.history(), TaskJson::transition);
    }
    b.append('}');
  }

  private static void transition(StringBuilder b, TransitionView t) {
    b.append('{');
    Fields f = new Fields(b);
    f.string("from", t.from() == null ? null : t.from().name(), false);
    f.string("to", t.to() == null ? null : t.to().name(), false);
    f.instant("at", t.at(), false);
    f.number("epoch", t.epoch());
    f.string("worker", t.worker(), false);
    f.string("reason", t.reason(), false);
    b.append('}');
  }

  /** The fields of one object: a comma before each but the first; an absent value written as null or left out. */
  private static final class Fields {
    private final StringBuilder b;
    private boolean first = true;

    Fields(StringBuilder b) {
      this.b = b;
    }

    StringBuilder name(String name) {
      if (!first) {
        b.append(',');
      }
      first = false;
      return b.append('"').append(name).append("\":");
    }

    void number(String name, long value) {
      name(name).append(value);
    }

    void integer(String name, Integer value, boolean nillable) {
      if (value != null || nillable) {
        name(name).append(value == null ? "null" : value.toString());
      }
    }

    void string(String name, String value, boolean nillable) {
      if (value != null || nillable) {
        TaskJson.string(name(name), value);
      }
    }

    void instant(String name, Instant value, boolean nillable) {
      if (value == null) {
        if (nillable) {
          name(name).append("null");
        }
        return;
      }
      name(name).append('"').append(value).append('"'); // Instant#toString is ISO_INSTANT, as JSON-B writes it
    }

    void json(String name, JsonValue value, boolean nillable) {
      if (value != null || nillable) {
        name(name).append(value == null ? "null" : value.toString());
      }
    }
  }

  /** A JSON string, escaped as JSON-P's generator escapes it: the short forms, other controls as {@code \}u00xx. */
  static void string(StringBuilder b, String s) {
    if (s == null) {
      b.append("null");
      return;
    }
    b.append('"');
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\') {
        continue;
      }
      b.append(s, start, i);
      start = i + 1;
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          String hex = Integer.toHexString(c);
          b.append("\\u");
          b.append("0000", 0, 4 - hex.length()).append(hex);
        }
      }
    }
    b.append(s, start, s.length()).append('"');
  }
}
