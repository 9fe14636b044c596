package dev.baton.manager.tasks.control;

/** A task request that passed validation: what to create. */
public record TaskSpec(String type, int priority, String data, Integer checkpointIntervalS) {}
