package dev.baton.security;

import dev.baton.json.Jsonp;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The API's answer to a request without valid credentials: 401 with the schemes it takes ({@code
 * WWW-Authenticate}) and an RFC 9457 problem body, as every other refusal. Written by the authentication
 * mechanism, before JAX-RS sees the request.
 */
public final class Challenge {
  public static final String REALM = "baton";

  private Challenge() {}

  /** 401: no credentials, or wrong ones. */
  public static void unauthorized(HttpServletResponse response, String path, String detail) {
    response.addHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
    response.addHeader("WWW-Authenticate", "Bearer realm=\"" + REALM + "\"");
    write(response, 401, "urn:baton:problem:unauthorized", "Unauthorized", detail, path);
  }

  /** 403: the caller is known but may not use this. */
  public static void forbidden(HttpServletResponse response, String path, String detail) {
    write(response, 403, "urn:baton:problem:forbidden", "Forbidden", detail, path);
  }

  /** 429: too many failed logins for this user or from this address; the password was not checked. */
  public static void throttled(HttpServletResponse response, String path, java.time.Duration wait) {
    long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    response.setHeader("Retry-After", Long.toString(seconds));
    write(
        response, 429, "urn:baton:problem:too-many-failed-logins", "Too many failed logins",
        "too many failed logins for this user or from this address: the next attempt is heard in " + seconds + " s", path);
  }

  /** 503: the credentials cannot be checked now (Redis is down); nothing was done. */
  public static void unavailable(HttpServletResponse response, String path) {
    response.setHeader("Retry-After", "1");
    write(
        response, 503, "urn:baton:problem:store-unavailable", "Service unavailable",
        "Redis, where the users and tokens are, is unavailable, so the credentials cannot be checked; nothing was changed."
            + " Try again shortly.",
        path);
  }

  private static void write(HttpServletResponse response, int status, String type, String title, String detail, String path) {
    String body =
        Jsonp.object().add("type", type).add("title", title).add("status", status).add("detail", detail).add("instance", path).build()
            .toString();
    response.setStatus(status);
    response.setContentType("application/problem+json");
    response.setCharacterEncoding("UTF-8");
    try {
      response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
