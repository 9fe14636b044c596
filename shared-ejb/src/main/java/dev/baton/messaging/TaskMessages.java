package dev.baton.messaging;

import dev.baton.json.Jsonp;
import dev.baton.task.DispatchOrder;
import dev.baton.task.Queues;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** The JSON body of a task message: a pointer to the task in Redis, never a serialized Java object. */
final class TaskMessages {
  private TaskMessages() {}

  static String toJson(DispatchOrder o) {
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
    return b.build().toString();
  }

  static DispatchOrder fromJson(String json) {
    JsonObject o = Jsonp.parseObject(json);
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
