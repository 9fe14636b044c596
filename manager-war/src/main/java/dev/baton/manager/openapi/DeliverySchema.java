package dev.baton.manager.openapi;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One delivery as {@code WebhookSender} logs it. */
@Schema(description = "One event POSTed to the webhook: up to 4 attempts, each with a 5 s timeout, with backoff between them.")
public record DeliverySchema(
    @Schema(name = "event_id", description = "The event's id in the log (also sent as X-Baton-Delivery).", example = "1732480000000-0")
        String eventId,
    @Schema(name = "event_type", example = "task.completed") String eventType,
    @Schema(name = "task_id", description = "The event's task; absent for events of no task.") String taskId,
    @Schema(description = "Whether an attempt was answered 2xx.") boolean delivered,
    @Schema(name = "status_code", description = "The last answer's HTTP status; 0: no answer.") int statusCode,
    @Schema(description = "Attempts made, 1 to 4.", minimum = "1", maximum = "4") int attempts,
    @Schema(name = "last_error", description = "Why the last attempt failed; absent when delivered.") String lastError,
    @Schema(description = "When the delivery ended.", format = "date-time") String at) {}
