package dev.baton.manager.cluster.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** A command on its way to a worker (it acts on it within moments). */
@JsonbPropertyOrder({"workerId", "command", "detail"})
public record CommandSent(String workerId, String command, String detail) {}
