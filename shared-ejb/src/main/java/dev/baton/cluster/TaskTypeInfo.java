package dev.baton.cluster;

/**
 * A task type as the workers that run it describe it.
 *
 * @param descriptorJson {@code {"type":..., "description":..., "params":[...]}}; see ParamSpec
 */
public record TaskTypeInfo(String type, String descriptorJson) {}
