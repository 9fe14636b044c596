package dev.baton.manager.openapi;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of {@code GET /api/webhooks/{id}/deliveries}. */
@Schema(description = "A webhook's newest deliveries (Redis keeps 100), newest first.")
public record DeliveryListSchema(List<DeliverySchema> deliveries, int count) {}
