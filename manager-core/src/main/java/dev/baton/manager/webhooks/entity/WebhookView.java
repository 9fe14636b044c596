package dev.baton.manager.webhooks.entity;

import dev.baton.webhook.Webhook;
import java.time.Instant;
import java.util.List;

/** A webhook as the API shows it: never its secret. */
public record WebhookView(String id, String url, List<String> events, Instant createdAt) {
  public static WebhookView of(Webhook w) {
    return new WebhookView(w.id(), w.url(), w.events().stream().sorted().toList(), w.createdAt());
  }
}
