package dev.baton.manager.openapi;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A task request, as {@code TaskRequests} reads it: every field checked, every violation named, all or nothing. */
@Schema(
    description = "A task to create. Only type is required; a field not listed here is refused (422). In a schedule's task,"
        + " countdown_s, run_at, expires_at, depends_on, ref and idempotency_key are refused: its ticks set the time.")
public record TaskRequestSchema(
    @Schema(
            required = true,
            description = "The task type: one a live worker registered (computation, io, network, sleep, noop, attrgen, benchmark);"
                + " an unknown one is refused with the list of known types.",
            example = "sleep")
        String type,
    @Schema(description = "0 to 9, default 4: the broker delivers higher first.", minimum = "0", maximum = "9", defaultValue = "4")
        Integer priority,
    @Schema(
            description = "The type's parameters, checked by the type (each wrong one is named, e.g. data.steps); default {}."
                + " At most baton.api.max-data-bytes (1 MiB) of JSON, else 413.",
            example = "{\"steps\": 5, \"step_ms\": 200}")
        Map<String, Object> data,
    @Schema(
            name = "checkpoint_interval_s",
            description = "Seconds between checkpoints, 1 to 3600; default the workers' baton.checkpoint.interval-s (5).",
            minimum = "1",
            maximum = "3600")
        Integer checkpointIntervalS,
    @Schema(
            name = "max_retries",
            description = "How often a failed attempt runs again, 0 to 100.",
            minimum = "0",
            maximum = "100",
            defaultValue = "0")
        Integer maxRetries,
    @Schema(
            name = "retry_backoff",
            description = "exponential: the delay doubles each retry (with jitter in its upper half); fixed: always retry_delay_ms.",
            enumeration = {"exponential", "fixed"},
            defaultValue = "exponential")
        String retryBackoff,
    @Schema(
            name = "retry_delay_ms",
            description = "The delay before the first retry, 0 to 86,400,000 ms (a day).",
            minimum = "0",
            maximum = "86400000",
            defaultValue = "1000")
        Long retryDelayMs,
    @Schema(
            name = "retry_max_delay_ms",
            description = "The longest delay, 0 to 86,400,000 ms, not less than retry_delay_ms; default 300,000 (or retry_delay_ms if"
                + " that is more).",
            minimum = "0",
            maximum = "86400000")
        Long retryMaxDelayMs,
    @Schema(
            name = "countdown_s",
            description = "Run it this many seconds from now (SCHEDULED until then), 0 to 31,622,400 (366 days). Not with run_at.",
            minimum = "0",
            maximum = "31622400",
            example = "30")
        Double countdownS,
    @Schema(
            name = "run_at",
            description = "Run it at this time: ISO-8601 with an offset, at most a year ahead; a time already past runs now. Not with"
                + " countdown_s.",
            format = "date-time",
            example = "2026-12-24T18:00:00Z")
        String runAt,
    @Schema(
            name = "time_limit_s",
            description = "Hard limit of one attempt, 1 to 604,800 s (a week): the attempt fails with \"time limit of N s exceeded\""
                + " and the retry policy applies.",
            minimum = "1",
            maximum = "604800")
        Integer timeLimitS,
    @Schema(
            name = "soft_time_limit_s",
            description = "1 to 604,800 s and less than time_limit_s: the handler is told and may wrap up (a checkpoint is written).",
            minimum = "1",
            maximum = "604800")
        Integer softTimeLimitS,
    @Schema(
            name = "expires_at",
            description = "A task not started by then is CANCELLED (reason expired): ISO-8601 with an offset, in the future and after"
                + " run_at.",
            format = "date-time",
            example = "2026-12-24T20:00:00Z")
        String expiresAt,
    @Schema(
            name = "depends_on",
            description = "The tasks it waits for (WAITING until all have COMPLETED; it gets their results): one task id as a string,"
                + " or a list of 1 to 100 (each 1 to 100 letters, digits or _ . : -); in a batch also the ref of another task of the"
                + " batch. An unknown one is refused (422).",
            maxItems = 100,
            example = "[\"extract\", \"3f2a9c1e-5b7d-4c1a-9e8f-0a1b2c3d4e5f\"]")
        List<String> dependsOn,
    @Schema(
            description = "Only in a batch: this task's name for the depends_on of the others (1 to 100 letters, digits or _ . : -).",
            pattern = ApiDocs.TASK_REF,
            example = "extract")
        String ref,
    @Schema(
            description = "Free text of 1 to 200 characters without control characters, shown with the task and found by ?q=.",
            minLength = 1,
            maxLength = 200,
            example = "nightly report")
        String label,
    @Schema(
            name = "idempotency_key",
            description = "1 to 200 characters without control characters: a repeat with this key and the same request answers the"
                + " task it made (200); with another request it is a 409. For one task also the Idempotency-Key header (the two must"
                + " agree). Unique within a batch.",
            minLength = 1,
            maxLength = 200,
            example = "order-4711")
        String idempotencyKey,
    @Schema(
            description = "Its named queue: 1 to 64 letters, digits or _ . -, starting with a letter or digit.",
            pattern = ApiDocs.QUEUE_NAME,
            defaultValue = "default",
            example = "gpu")
        String queue,
    @Schema(description = "true: a Telegram message about its failure is marked CRITICAL.", defaultValue = "false") Boolean critical) {}
