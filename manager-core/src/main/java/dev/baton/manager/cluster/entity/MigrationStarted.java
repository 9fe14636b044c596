package dev.baton.manager.cluster.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** A migration under way: the source releases the task at its next safe point, the target resumes it. */
@JsonbPropertyOrder({"taskId", "status", "from", "to"})
public record MigrationStarted(String taskId, String status, String from, String to) {}
