package dev.baton.nemesis;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Baton's REST API as the nemesis' clients see it: raw answers, and a timeout is an answer of its own (unknown). */
final class Api {
  /** An answer: the status and the body (JSON or null); status -1: none came (timeout, connection refused or reset). */
  record Answer(int status, JsonObject json, String error) {
    boolean unknown() {
      return status < 0 || status >= 500; // a 5xx may have come after the change was made: never assume it was not
    }
  }

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final URI base;
  private final String auth;
  private final Duration timeout;

  Api(URI base, String adminPassword, Duration timeout) {
    this.base = base;
    this.auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8));
    this.timeout = timeout;
  }

  Answer get(String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET());
  }

  Answer post(String path, JsonStructure body) {
    return send(HttpRequest.newBuilder(base.resolve(path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body.toString())));
  }

  Answer put(String path, JsonStructure body) {
    return send(HttpRequest.newBuilder(base.resolve(path))
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(body.toString())));
  }

  Answer method(String method, String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).method(method, HttpRequest.BodyPublishers.noBody()));
  }

  private Answer send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> r = http.send(request.header("Authorization", auth).timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
      JsonObject json = null;
      String body = r.body();
      if (body != null && body.startsWith("{")) {
        try (var reader = Json.createReader(new StringReader(body))) {
          json = reader.readObject();
        } catch (RuntimeException notJson) {
          json = null;
        }
      }
      return new Answer(r.statusCode(), json, null);
    } catch (IOException e) {
      return new Answer(-1, null, e.getClass().getSimpleName() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(-1, null, "interrupted");
    }
  }
}
