package dev.baton.manager.tasks.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/** The answer to a batch submission: every task created, in the order submitted. */
@JsonbPropertyOrder({"count", "tasks"})
public record TaskBatch(int count, List<TaskView> tasks) {
  /** Cheap and consistent with equals, for JSON-B's recursion check (see TaskView#hashCode). */
  @Override
  public int hashCode() {
    return count;
  }
}
