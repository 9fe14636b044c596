package dev.baton.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.manager.config.JsonbConfigurator;
import dev.baton.manager.tasks.entity.TaskView;
import dev.baton.task.TaskRecord;
import dev.baton.task.RetryPolicy;
import dev.baton.task.TaskStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The wire shape of a task: the seed's snake_case fields first, nulls present, upper-case status. */
class TaskViewJsonTest {

  @Test
  void aNewTaskHasTheSeedsShape() {
    Instant at = Instant.parse("2025-03-14T08:15:00Z");
    TaskRecord created =
        new TaskRecord(
            "f7e6", "computation", TaskStatus.CREATED, 5, "{\"input\":[1,2,3],\"iterations\":100}", 0, null, null, 0, 0, at, at, null,
            null, null, null, null, null, 0, null, 0, RetryPolicy.NONE, 0, null, null, dev.baton.task.TaskLimits.NONE, dev.baton.task.TaskDependencies.NONE, null, "default", null, false, null);

    String json = JsonbConfigurator.JSONB.toJson(TaskView.of(created));

    assertTrue(
        json.startsWith(
            "{\"id\":\"f7e6\",\"type\":\"computation\",\"status\":\"CREATED\",\"priority\":5,"
                + "\"data\":{\"input\":[1,2,3],\"iterations\":100},\"progress\":0,\"progress_message\":null,"
                + "\"worker_id\":null,"),
        json);
    assertTrue(json.contains("\"created_at\":\"2025-03-14T08:15:00Z\",\"updated_at\":\"2025-03-14T08:15:00Z\""), json);
    assertTrue(json.contains("\"checkpoint_data\":null") && json.contains("\"last_checkpoint_at\":null"), json);
    assertTrue(json.contains("\"checkpoint_interval_s\":null"), json);
    assertFalse(json.contains("history"), "history only for a single task: " + json);
  }

  @Test
  void aSingleTaskCarriesItsHistory() {
    Instant at = Instant.parse("2025-03-14T08:15:00Z");
    TaskRecord t =
        new TaskRecord("x", "noop", TaskStatus.COMPLETED, 4, "{}", 100, "done", "worker-2", 1, 1, at, at, at, at, "{\"n\":1}", null, null, null, 0, 3, 0, RetryPolicy.NONE, 0, null, null, dev.baton.task.TaskLimits.NONE, dev.baton.task.TaskDependencies.NONE, null, "default", null, false, null);

    String json = JsonbConfigurator.JSONB.toJson(TaskView.of(t, List.of(new dev.baton.task.Transition(null, TaskStatus.CREATED, at, 0, null, "submitted"))));

    assertTrue(json.contains("\"worker_id\":\"worker-2\""), json);
    assertTrue(json.contains("\"result\":{\"n\":1}"), json);
    assertTrue(json.contains("\"history\":[{\"to\":\"CREATED\",\"at\":\"2025-03-14T08:15:00Z\",\"epoch\":0,\"reason\":\"submitted\"}]"), json);
    assertEquals(-1, json.indexOf("\"from\""), "an absent 'from' is left out of history entries");
  }
}
