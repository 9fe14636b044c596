package dev.baton.manager.tasks.control;

import jakarta.json.JsonValue;

/**
 * A task request that passed validation: what to create.
 *
 * @param data the parameters as parsed; {@code dataJson} the same as text, as stored
 */
public record TaskSpec(String type, int priority, JsonValue data, String dataJson, Integer checkpointIntervalS) {}
