package dev.baton.manager.workers.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/** Every worker the cluster has seen, by id. */
@JsonbPropertyOrder({"workers", "count"})
public record WorkerList(List<WorkerView> workers, int count) {}
