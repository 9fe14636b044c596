package dev.baton.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;

/**
 * Which part of a web application a request reaches, decided on the path the container will actually serve: its
 * servlet path and path info, which the container has already decoded ({@code %63} is {@code c}), cut of {@code
 * ;params} and normalised ({@code //}, {@code /./}, {@code /x/../}). A test on the raw request URI is the wrong wall:
 * {@code /%63onsole/} is not {@code /console/} to a string comparison, but it is to the container.
 *
 * <p>Deny by default: a path is open only if it is listed as open; every other path needs a caller. The container's
 * security constraints (each WAR's web.xml) say the same a second time, so a path nobody thought of is closed; the
 * mechanisms treat a path as open only if both say so.
 */
public final class ServedPath {
  /** What a path needs. */
  public enum Zone {
    /** Anyone: the login page, static files, the error page. */
    OPEN,
    /** The JSON API: credentials on each request (Authorization), never a cookie; refusals are problem+json. */
    API,
    /** The console's pages and its live channel: a login (the session); without one, the login page. */
    PAGES
  }

  /**
   * Which paths of one web application are open.
   *
   * @param exact paths open exactly as written
   * @param prefixes paths open with everything under them (each ends with {@code /})
   */
  public record Rules(List<String> exact, List<String> prefixes) {
    public Zone zone(String path) {
      if (path.equals("/api") || path.startsWith("/api/")) {
        return Zone.API;
      }
      if (exact.contains(path)) {
        return Zone.OPEN;
      }
      for (String p : prefixes) {
        if (path.startsWith(p)) {
          return Zone.OPEN;
        }
      }
      return Zone.PAGES;
    }
  }

  /** Open on every process: MicroProfile Health and Metrics (probes, Prometheus) and OpenAPI, the error page. */
  private static final List<String> PLATFORM = List.of("/health", "/metrics", "/openapi", "/baton-error");

  private static final List<String> PLATFORM_PREFIXES = List.of("/health/", "/metrics/", "/openapi/");

  /** The manager: the platform's endpoints, the console's login page and the files it loads. */
  public static final Rules MANAGER =
      new Rules(concat(PLATFORM, List.of("/login.xhtml")), concat(PLATFORM_PREFIXES, List.of("/jakarta.faces.resource/", "/baton/")));

  /** A worker: the platform's endpoints; everything else is its API or closed. */
  public static final Rules WORKER = new Rules(PLATFORM, PLATFORM_PREFIXES);

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }

  private ServedPath() {}

  /**
   * The path within the application that the container serves for this request (servlet path + path info). A path
   * still holding what a normalised path never holds (a NUL, a backslash, a dot segment) is given back as {@code
   * /\0} - a path in no open list - so that it is treated as closed.
   */
  public static String of(HttpServletRequest request) {
    String servlet = request.getServletPath();
    String info = request.getPathInfo();
    String path = (servlet == null ? "" : servlet) + (info == null ? "" : info);
    if (path.isEmpty()) {
      path = "/";
    }
    return suspicious(path) ? "/\0" : path;
  }

  private static boolean suspicious(String path) {
    if (path.indexOf('\0') >= 0 || path.indexOf('\\') >= 0 || path.indexOf(';') >= 0 || path.contains("//")) {
      return true;
    }
    for (String segment : path.split("/", -1)) {
      if (segment.equals(".") || segment.equals("..")) {
        return true;
      }
    }
    return false;
  }

  /**
   * A raw request URI as a person reads it: percent-decoded, without {@code ;params}, dot segments resolved, lower
   * case; for choosing how to word an error page, never for deciding access.
   */
  public static String readable(String rawPath) {
    StringBuilder decoded = new StringBuilder();
    for (String segment : rawPath.split("/", -1)) {
      int semi = segment.indexOf(';');
      String s = semi >= 0 ? segment.substring(0, semi) : segment;
      try {
        s = java.net.URLDecoder.decode(s.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        // a broken escape stays as it was
      }
      decoded.append('/').append(s);
    }
    java.util.ArrayDeque<String> kept = new java.util.ArrayDeque<>();
    for (String segment : decoded.toString().split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        kept.pollLast();
      } else {
        kept.addLast(segment);
      }
    }
    return ("/" + String.join("/", kept)).toLowerCase(Locale.ROOT);
  }
}
