package dev.baton.manager.openapi;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Seed 004's add, as {@code SeedQueueResource.add} reads it: its fields become a task request's. */
@Schema(
    description = "Seed 004's task: task_type becomes the task's type, config its data; the other fields are the task request's"
        + " own. A field not listed here is refused (422), named as seed 004 names it.")
public record SeedQueueAddSchema(
    @Schema(
            name = "task_type",
            required = true,
            description = "The task type, e.g. attrgen or benchmark (any type a worker runs).",
            example = "attrgen")
        String taskType,
    @Schema(
            description = "The type's parameters, checked by the type (named config.<field>); at most baton.api.max-data-bytes (1 MiB)"
                + " of JSON, else 413.",
            example = "{\"dataset_id\": 5, \"model_name\": \"mistral-24b\"}")
        Map<String, Object> config,
    @Schema(
            description = "Free text of 1 to 200 characters without control characters.",
            minLength = 1,
            maxLength = 200,
            example = "night batch")
        String label,
    @Schema(
            name = "depends_on",
            description = "The task it waits for: one task id as a string, or a list of 1 to 100; null or left out: none.",
            maxItems = 100,
            nullable = true)
        List<String> dependsOn,
    @Schema(description = "0 to 9, default 4: the broker delivers higher first.", minimum = "0", maximum = "9", defaultValue = "4")
        Integer priority,
    @Schema(description = "true: a Telegram message about its failure is marked CRITICAL.", defaultValue = "false") Boolean critical,
    @Schema(
            name = "idempotency_key",
            description = "1 to 200 characters: the same key with another request is a 409.",
            minLength = 1,
            maxLength = 200)
        String idempotencyKey) {}
