package dev.baton.manager.openapi;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of {@code POST /api/echo}. */
@Schema(description = "What the body was: its length and digest.")
public record EchoSchema(
    @Schema(description = "Bytes received.", minimum = "0", maximum = "2097152") int bytes,
    @Schema(description = "Hex SHA-256 of the bytes.", example = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        String sha256) {}
