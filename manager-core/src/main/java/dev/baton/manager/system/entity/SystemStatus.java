package dev.baton.manager.system.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.Map;

/**
 * The whole system at a glance.
 *
 * @param status UP (everything works), DEGRADED (tasks are accepted but something is missing: the
 *     broker, or any live worker), DOWN (Redis is unreachable: nothing can be accepted)
 * @param tasks the number of tasks per status
 */
@JsonbPropertyOrder({"status", "components", "tasks", "throughput", "dispatch", "events", "checkedAt"})
public record SystemStatus(
    String status,
    Components components,
    Map<String, Long> tasks,
    Throughput throughput,
    Dispatch dispatch,
    Events events,
    Instant checkedAt) {

  @JsonbPropertyOrder({"redis", "broker", "workers"})
  public record Components(Component redis, Component broker, Workers workers) {}

  /** @param queueDepth for the broker: task messages waiting in it */
  @JsonbPropertyOrder({"status", "url", "latencyMs", "queueDepth", "error"})
  public record Component(String status, String url, Double latencyMs, Long queueDepth, String error) {}

  @JsonbPropertyOrder({"status", "total", "alive", "failed", "slots", "busy"})
  public record Workers(String status, int total, int alive, int failed, int slots, int busy) {}

  /** @param completedPerSecond mean completions per second over the last 10 s and 60 s */
  @JsonbPropertyOrder({"completedPerSecond", "submittedTotal", "completedTotal", "failedTotal"})
  public record Throughput(Map<String, Double> completedPerSecond, long submittedTotal, long completedTotal, long failedTotal) {}

  /** @param pending accepted, not yet claimed; @param queued in this manager's send queue */
  @JsonbPropertyOrder({"pending", "queued", "brokerConnected", "lastSend", "lastError"})
  public record Dispatch(long pending, int queued, boolean brokerConnected, Instant lastSend, String lastError) {}

  @JsonbPropertyOrder({"length", "maxLength"})
  public record Events(long length, long maxLength) {}
}
