package dev.baton.worker.handlers;

import jakarta.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;

/**
 * What a handler gets to start or resume a run.
 *
 * @param checkpoint the last checkpoint, or {@code null} to start from scratch
 * @param attempt 1 for the first execution, more after recoveries and retries
 * @param scratchDir this worker's folder for files
 * @param managerUrl the manager's base URL (network tasks call it)
 * @param pacer waits that end early when the runner must stop the task
 * @param parentResults the results of the tasks this one depends on, by task id (empty if none), as seed
 *     004's dependent benchmark gets its attrgen_run_id
 */
public record TaskInput(
    String taskId,
    int attempt,
    JsonObject data,
    JsonObject checkpoint,
    Path scratchDir,
    URI managerUrl,
    Pacer pacer,
    JsonObject parentResults) {

  public boolean isResumed() {
    return checkpoint != null;
  }
}
