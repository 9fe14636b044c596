package dev.baton.manager.tasks.control;

import dev.baton.task.RetryPolicy;
import dev.baton.task.TaskLimits;
import jakarta.json.JsonValue;
import java.time.Instant;

/**
 * A task request that passed validation: what to create.
 *
 * @param data the parameters as parsed; {@code dataJson} the same as text, as stored
 * @param runAt when a delayed task is due ({@code countdown_s} or {@code run_at}), or {@code null} for now
 */
public record TaskSpec(
    String type,
    int priority,
    JsonValue data,
    String dataJson,
    Integer checkpointIntervalS,
    RetryPolicy retry,
    Instant runAt,
    TaskLimits limits) {}
