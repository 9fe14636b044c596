package dev.baton.webhook;

import java.time.Instant;
import java.util.Set;

/**
 * A URL that is told of events: each delivery is a JSON POST signed with HMAC-SHA256 of its body under
 * {@code secret}. It hears only events logged after it was created.
 *
 * @param events the event types it wants ({@code task.completed}, ...)
 */
public record Webhook(String id, String url, Set<String> events, String secret, Instant createdAt) {
  public Webhook {
    events = Set.copyOf(events);
  }

  public boolean wants(String type, Instant at) {
    return events.contains(type) && !at.isBefore(createdAt);
  }
}
