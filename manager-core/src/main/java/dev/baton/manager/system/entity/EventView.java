package dev.baton.manager.system.entity;

import dev.baton.event.BatonEvent;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** One entry of the event log as the API shows it; {@code details} holds everything else it carries. */
@JsonbPropertyOrder({"id", "type", "at", "taskId", "workerId", "message", "details"})
public record EventView(
    String id, String type, Instant at, @JsonbNillable String taskId, @JsonbNillable String workerId, String message, Map<String, String> details) {
  public static EventView of(BatonEvent e) {
    return new EventView(
        e.id(), e.type(), e.at(), e.taskId(), e.workerId() == null || e.workerId().isEmpty() ? null : e.workerId(), e.message(), new TreeMap<>(e.fields()));
  }
}
