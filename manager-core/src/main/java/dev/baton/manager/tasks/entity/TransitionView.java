package dev.baton.manager.tasks.entity;

import dev.baton.task.TaskStatus;
import dev.baton.task.Transition;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;

/** One entry of a task's state history. */
@JsonbPropertyOrder({"from", "to", "at", "epoch", "worker", "reason"})
public record TransitionView(TaskStatus from, TaskStatus to, Instant at, long epoch, String worker, String reason) {
  static TransitionView of(Transition t) {
    return new TransitionView(t.from(), t.to(), t.at(), t.epoch(), t.worker(), t.reason());
  }
}
