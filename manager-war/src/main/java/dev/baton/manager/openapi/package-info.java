/**
 * The OpenAPI description of the REST API beyond what the resources' annotations say: the shapes of the JSON the
 * resources read and write by hand (their methods take an {@code InputStream} or answer a {@code JsonObject}, so the
 * generator cannot see them), the statuses every operation shares ({@link dev.baton.manager.openapi.CommonResponses}),
 * and the constants the annotations repeat ({@link dev.baton.manager.openapi.ApiDocs}); and the page that shows it.
 *
 * <p>The {@code *Schema} records are never instantiated: they only describe JSON, field by field, with the rules the
 * code applies (TaskRequests, QueueControl, Schedules, Webhooks, the resources). Keep them in step with that code.
 * Payara copies a request body's {@code @Schema(implementation = ...)} as far as it has read that class when it reads
 * the resource, and it reads classes in name order: this package sorts before every resource package, so keep them here.
 */
package dev.baton.manager.openapi;
