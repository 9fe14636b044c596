package dev.baton.messaging;

/**
 * The broker as a probe saw it.
 *
 * @param queueDepth task messages waiting in the broker, or -1 if unknown
 */
public record BrokerHealth(boolean up, double latencyMs, long queueDepth, String error) {}
