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
      String refused = WebhookTargets.refusal(URI.create(s.getString()), store.allowedHosts());
      if (refused == null) {
        url = s.getString();
      } else {
        violations.add(new Violation("url", "may not be used: " + refused));
      }
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

  /** Most hosts an admin may allow. */
  static final int MAX_ALLOWED_HOSTS = 100;

  /** A host name, an IPv4 address or an IPv6 one in brackets, and an optional port. */
  private static final java.util.regex.Pattern ALLOWED_HOST =
      java.util.regex.Pattern.compile("([a-z0-9]([a-z0-9-]{0,62}\\.?)*|\\[[0-9a-f:.]{2,45}\\])(:[0-9]{1,5})?");

  /** The hosts on non-public addresses that webhooks may point at (sorted). */
  public List<String> allowedHosts() {
    return store.allowedHosts().stream().sorted().toList();
  }

  /**
   * Replaces the allowed hosts: {@code {"hosts": ["127.0.0.1:9000", "hooks.lan"]}} - a host (any port) or host:port;
   * {@code []} allows none. Webhooks to hosts no longer allowed are refused at their next delivery.
   */
  public List<String> setAllowedHosts(JsonValue request) {
    if (!(request instanceof JsonObject o) || !(o.get("hosts") instanceof JsonArray a) || o.size() != 1) {
      throw Refusal.invalid("hosts", "is required: a list of hosts or host:port, e.g. {\"hosts\": [\"127.0.0.1:9000\"]}");
    }
    if (a.size() > MAX_ALLOWED_HOSTS) {
      throw Refusal.invalid("hosts", "must list at most " + MAX_ALLOWED_HOSTS + " hosts");
    }
    Set<String> hosts = new LinkedHashSet<>();
    for (int i = 0; i < a.size(); i++) {
      String h = a.get(i) instanceof JsonString s ? s.getString().toLowerCase(java.util.Locale.ROOT) : null;
      if (h == null || h.length() > 260 || !ALLOWED_HOST.matcher(h).matches()) {
        throw Refusal.invalid("hosts[" + i + "]", "must be a host name or address, optionally with :port (IPv6 in brackets)");
      }
      hosts.add(h);
    }
    store.setAllowedHosts(hosts);
    return allowedHosts();
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
