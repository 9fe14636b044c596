package dev.baton.messaging;

import dev.baton.json.Jsonp;
import dev.baton.task.DispatchOrder;
import dev.baton.task.Queues;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON body of a task message: pointers to tasks in Redis, never a serialized Java object. One order is an
 * object; a message carrying several (a deep backlog, ADR 0055) is an array of them.
 */
final class TaskMessages {
  private TaskMessages() {}

  static String toJson(List<DispatchOrder> orders) {
    if (orders.size() == 1) {
      return toJson(orders.get(0));
    }
    var array = Jsonp.array();
    orders.forEach(o -> array.add(object(o)));
    return array.build().toString();
  }

  static List<DispatchOrder> listFromJson(String json) {
    String trimmed = json == null ? "" : json.strip();
    if (!trimmed.startsWith("[")) {
      return List.of(fromJson(trimmed));
    }
    JsonArray array = Jsonp.parse(trimmed).asJsonArray();
    if (array.isEmpty()) {
      throw new IllegalArgumentException("a task message without tasks");
    }
    List<DispatchOrder> orders = new ArrayList<>(array.size());
    array.forEach(v -> orders.add(fromJson(v.asJsonObject())));
    return orders;
  }

  static String toJson(DispatchOrder o) {
    return object(o).build().toString();
  }

  private static jakarta.json.JsonObjectBuilder object(DispatchOrder o) {
    var b =
        Jsonp.object()
            .add("task_id", o.taskId())
            .add("epoch", o.epoch())
            .add("type", o.type())
            .add("priority", o.priority())
            .add("dispatch", o.dispatch());
    if (o.targetWorker() != null) {
      b.add("target_worker", o.targetWorker());
    }
    if (!Queues.DEFAULT.equals(o.queue())) {
      b.add("queue", o.queue());
    }
    return b;
  }

  static DispatchOrder fromJson(String json) {
    return fromJson(Jsonp.parseObject(json));
  }

  private static DispatchOrder fromJson(JsonObject o) {
    JsonValue target = o.get("target_worker");
    return new DispatchOrder(
        o.getString("task_id"),
        o.getJsonNumber("epoch").longValue(),
        o.getString("type"),
        o.getInt("priority"),
        target == null || target == JsonValue.NULL ? null : o.getString("target_worker"),
        o.getInt("dispatch"),
        o.getString("queue", Queues.DEFAULT));
  }
}
