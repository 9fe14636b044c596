package dev.baton.manager.openapi;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A webhook, as {@code Webhooks.create} reads it. */
@Schema(description = "A URL told of events. A field not listed here is refused.")
public record WebhookRequestSchema(
    @Schema(
            required = true,
            description = "An absolute http or https URL with a host, at most 2,000 characters.",
            maxLength = 2000,
            example = "https://example.com/baton")
        String url,
    @Schema(
            required = true,
            description = "1 or more event types of the log: task.created, task.queued, task.scheduled, task.waiting, task.started,"
                + " task.resumed, task.checkpoint, task.migrating, task.released, task.recovering, task.retrying, task.completed,"
                + " task.failed, task.cancelling, task.cancelled, task.skipped, task.dead, task.parked, queue.changed, tasks.deleted,"
                + " task.fenced, schedule.fired, schedule.skipped, worker.joined, worker.rejoined, worker.left, worker.failed,"
                + " worker.overloaded, worker.unloaded, worker.fault, worker.recover.",
            minItems = 1,
            example = "[\"task.completed\", \"task.failed\"]")
        List<String> events,
    @Schema(
            required = true,
            description = "16 to 2,000 characters: each delivery is signed with it (X-Baton-Signature: sha256=<hex HMAC-SHA256 of the"
                + " body>). Never shown again.",
            minLength = 16,
            maxLength = 2000,
            writeOnly = true)
        String secret) {}
