package dev.baton.messaging;

import dev.baton.cluster.ControlCommand;
import dev.baton.cluster.FailureMode;
import dev.baton.json.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** The JSON body of a control message. */
final class ControlMessages {
  private ControlMessages() {}

  static String toJson(ControlCommand c) {
    JsonObjectBuilder b = Jsonp.object().add("command", c.kind().name());
    if (c.taskId() != null) {
      b.add("task_id", c.taskId());
    }
    if (c.epoch() != null) {
      b.add("epoch", c.epoch());
    }
    if (c.target() != null) {
      b.add("target", c.target());
    }
    if (c.mode() != null) {
      b.add("mode", c.mode().name());
    }
    if (c.factor() != null) {
      b.add("factor", c.factor());
    }
    if (c.durationS() != null) {
      b.add("duration_s", c.durationS());
    }
    return b.build().toString();
  }

  static ControlCommand fromJson(String json) {
    JsonObject o = Jsonp.parseObject(json);
    return new ControlCommand(
        ControlCommand.Kind.valueOf(o.getString("command")),
        o.getString("task_id", null),
        o.containsKey("epoch") ? o.getJsonNumber("epoch").longValue() : null,
        o.getString("target", null),
        o.containsKey("mode") ? FailureMode.valueOf(o.getString("mode")) : null,
        o.containsKey("factor") ? o.getJsonNumber("factor").doubleValue() : null,
        o.containsKey("duration_s") ? o.getInt("duration_s") : null);
  }
}
