package dev.baton.demo;

import java.net.http.HttpClient;
import java.time.Duration;

/** The HTTP client Baton's own tools use against the API. */
final class ApiHttp {
  /** HTTP/1.1, not an h2c upgrade: such a connection was seen ending in the middle of a request (ADR 0025). */
  static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();

  private ApiHttp() {}
}
