package dev.baton.manager.openapi;

import dev.baton.manager.webhooks.entity.WebhookView;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of {@code GET /api/webhooks}. */
@Schema(description = "Every webhook, without secrets.")
public record WebhookListSchema(List<WebhookView> webhooks, int count) {}
