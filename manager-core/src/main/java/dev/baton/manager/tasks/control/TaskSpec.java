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
 * @param ref its name within a batch, for the {@code depends_on} of the others, or {@code null}
 * @param dependsOn the tasks it waits for: ids, or refs of its batch (empty: none)
 * @param at where it was in the request, for the names of refused fields ({@code tasks[3].} or empty)
 * @param meta its label, idempotency key and the hash of its request
 */
public record TaskSpec(
    String type,
    int priority,
    JsonValue data,
    String dataJson,
    Integer checkpointIntervalS,
    RetryPolicy retry,
    Instant runAt,
    TaskLimits limits,
    String ref,
    java.util.List<String> dependsOn,
    String at,
    dev.baton.task.TaskMeta meta) {}
