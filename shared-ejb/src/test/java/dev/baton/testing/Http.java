package dev.baton.testing;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small HTTP client for API tests: JSON in, status + headers + JSON out. */
public final class Http {
  // HTTP/1.1, not an h2c upgrade: such a connection was seen ending in the middle of a request (ADR 0025).
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
  private final URI base;
  /** The Authorization header sent with every request, or null. */
  private final String authorization;

  public Http(URI base) {
    this(base, null);
  }

  private Http(URI base, String authorization) {
    this.base = base;
    this.authorization = authorization;
  }

  /** The same, sending {@code Authorization: Basic} with every request. */
  public Http basic(String user, String password) {
    return as("Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  /** The same, sending {@code Authorization: Bearer} with every request. */
  public Http bearer(String token) {
    return as("Bearer " + token);
  }

  /** The same, sending this Authorization header (null: none) with every request. */
  public Http as(String authorizationHeader) {
    return new Http(base, authorizationHeader);
  }

  /** The same without credentials. */
  public Http anonymous() {
    return new Http(base, null);
  }

  public URI base() {
    return base;
  }

  public record Answer(int status, String contentType, String location, String retryAfter, String body, java.net.http.HttpHeaders headers) {
    /** Every value of a response header (e.g. WWW-Authenticate). */
    public java.util.List<String> header(String name) {
      return headers.allValues(name);
    }

    public JsonObject json() {
      return Json.createReader(new StringReader(body)).readObject();
    }

    public JsonValue jsonValue() {
      return Json.createReader(new StringReader(body)).readValue();
    }

    @Override
    public String toString() {
      return status + " " + contentType + " " + body;
    }
  }

  public Answer get(String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET());
  }

  public Answer post(String path, String json) {
    return send(
        HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  public Answer post(String path, byte[] body, String contentType) {
    return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  /** {@code method} (e.g. PUT) with a JSON body. */
  public Answer method(String method, String path, String json) {
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(json)));
  }

  public Answer method(String method, String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).method(method, HttpRequest.BodyPublishers.noBody()));
  }

  private Answer send(HttpRequest.Builder request) {
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      HttpResponse<String> r = CLIENT.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(
          r.statusCode(),
          r.headers().firstValue("Content-Type").orElse(""),
          r.headers().firstValue("Location").orElse(null),
          r.headers().firstValue("Retry-After").orElse(null),
          r.body(),
          r.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
