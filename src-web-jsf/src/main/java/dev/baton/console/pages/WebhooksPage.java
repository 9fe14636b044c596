package dev.baton.console.pages;

import dev.baton.console.faces.Attempt;
import dev.baton.console.faces.FieldMessages;
import dev.baton.json.Jsonp;
import dev.baton.manager.operations.Operations;
import dev.baton.manager.webhooks.control.Webhooks;
import dev.baton.manager.webhooks.entity.WebhookView;
import dev.baton.store.StoreUnavailableException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Webhooks: each with the events it hears and its newest deliveries (status code, attempts, last error);
 * a form registers one; delete on each. The same rules as the API check it.
 */
@Named
@ViewScoped
public class WebhooksPage implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Deliveries shown per webhook. */
  static final int SHOWN = 5;
  private static final Map<String, String> FIELDS =
      Map.of("url", "webhookForm:url", "events", "webhookForm:events", "secret", "webhookForm:secret");

  @Inject dev.baton.manager.security.Callers callers;
  @Inject Webhooks webhooks;
  @Inject Operations ops;

  private String url;
  private String events = "task.completed, task.failed";
  private String secret;

  public List<WebhookView> getAll() {
    try {
      return webhooks.all();
    } catch (StoreUnavailableException e) {
      return List.of();
    }
  }

  /** Its newest deliveries, newest first. */
  public List<JsonObject> deliveries(String id) {
    try {
      return webhooks.deliveries(id).stream().limit(SHOWN).map(Jsonp::parseObject).toList();
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  public void save() {
    JsonArrayBuilder types = Jsonp.array();
    Arrays.stream((events == null ? "" : events).split("[,\\s]+")).filter(s -> !s.isBlank()).forEach(types::add);
    var request = Jsonp.object().add("url", url == null ? "" : url.trim()).add("events", types).add("secret", secret == null ? "" : secret).build();
    Attempt.of(() -> ops.createWebhook(request, callers.console()), FIELDS)
        .ifPresent(
            w -> {
              FieldMessages.info("Webhook registered", w.url() + " hears " + String.join(", ", w.events()));
              url = null;
              secret = null;
            });
  }

  public void delete(String id) {
    Attempt.of(
            () -> {
              ops.deleteWebhook(id, callers.console());
              return Boolean.TRUE;
            })
        .ifPresent(ok -> FieldMessages.info("Webhook deleted", "with its delivery log"));
  }

  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }

  public String getEvents() {
    return events;
  }

  public void setEvents(String events) {
    this.events = events;
  }

  public String getSecret() {
    return secret;
  }

  public void setSecret(String secret) {
    this.secret = secret;
  }
}
