package dev.baton.manager.webhooks.control;

import dev.baton.event.EventType;
import dev.baton.manager.refusal.Refusal;
import dev.baton.manager.webhooks.entity.WebhookView;
import dev.baton.store.RedisWebhooks;
import dev.baton.task.Violation;
import dev.baton.webhook.Webhook;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Webhooks: registered, listed and deleted here; delivered by the {@link WebhookSender}. */
@ApplicationScoped
public class Webhooks {
  private static final Set<String> FIELDS = Set.of("url", "events", "secret");
  private static final int MIN_SECRET = 16;
  private static final int MAX_TEXT = 2000;

  @Inject RedisWebhooks store;

  /** @throws Refusal INVALID naming each wrong field; nothing is stored then */
  public WebhookView create(JsonValue request) {
    if (!(request instanceof JsonObject o)) {
      throw Refusal.invalid("body", "must be a JSON object: {\"url\", \"events\", \"secret\"}");
    }
    List<Violation> violations = new ArrayList<>();
    for (String key : o.keySet()) {
      if (!FIELDS.contains(key)) {
        violations.add(new Violation(key, "is not a field of a webhook; known: events, secret, url"));
      }
    }
    String url = null;
    if (o.get("url") instanceof JsonString s && s.getString().length() <= MAX_TEXT && isHttp(s.getString())) {
      url = s.getString();
    } else {
      violations.add(new Violation("url", "must be an absolute http or https URL"));
    }
    Set<String> events = new LinkedHashSet<>();
    if (o.get("events") instanceof JsonArray a && !a.isEmpty()) {
      for (JsonValue v : a) {
        if (v instanceof JsonString s && EventType.of(s.getString()).isPresent()) {
          events.add(s.getString());
        } else {
          violations.add(new Violation("events", "unknown event type " + v + "; known: " + known()));
          break;
        }
      }
    } else {
      violations.add(new Violation("events", "must be a list of event types, e.g. [\"task.completed\", \"task.failed\"]"));
    }
    String secret = null;
    if (o.get("secret") instanceof JsonString s && s.getString().length() >= MIN_SECRET && s.getString().length() <= MAX_TEXT) {
      secret = s.getString();
    } else {
      violations.add(new Violation("secret", "must be text of " + MIN_SECRET + " to " + MAX_TEXT + " characters (deliveries are signed with it)"));
    }
    if (!violations.isEmpty()) {
      throw Refusal.invalid(violations);
    }
    Webhook w = new Webhook(UUID.randomUUID().toString(), url, events, secret, Instant.now());
    // its group first, at the end of the log, so that every event from now on reaches a manager's sender
    store.eventGroup(w.id()).join(true);
    store.save(w);
    return WebhookView.of(w);
  }

  public List<WebhookView> all() {
    return store.all().stream().map(WebhookView::of).toList();
  }

  /** @throws Refusal NOT_FOUND */
  public WebhookView find(String id) {
    return store.find(id).map(WebhookView::of).orElseThrow(() -> Refusal.notFound("no webhook with id " + id));
  }

  /** @throws Refusal NOT_FOUND */
  public void delete(String id) {
    if (!store.delete(id)) {
      throw Refusal.notFound("no webhook with id " + id);
    }
  }

  /** Its newest deliveries, newest first, as JSON text each. @throws Refusal NOT_FOUND */
  public List<String> deliveries(String id) {
    find(id);
    return store.deliveries(id);
  }

  private static boolean isHttp(String url) {
    try {
      URI u = URI.create(url);
      return u.isAbsolute() && ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String known() {
    return String.join(", ", java.util.Arrays.stream(EventType.values()).map(EventType::wireName).toList());
  }
}
