package dev.baton.security;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses requests that a page of another origin made a browser send: a state-changing request (any method but GET,
 * HEAD, OPTIONS) or the console's WebSocket handshake. {@code SameSite} cookies do not separate ports - a page on
 * 127.0.0.1:3000 is the same site as the console on 127.0.0.1:8080 - so the browser's own word is asked instead:
 * Fetch Metadata ({@code Sec-Fetch-Site}, sent by every current browser), and where that is missing the {@code
 * Origin} header. A request with neither (curl, the Java client) is no browser's cross-site request. See ADR 0048.
 */
public final class CrossSite {
  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

  private CrossSite() {}

  /** @return why the request is refused, or null if it may go on */
  public static String refusal(HttpServletRequest request) {
    boolean handshake = "websocket".equalsIgnoreCase(request.getHeader("Upgrade"));
    if (SAFE.contains(request.getMethod()) && !handshake) {
      return null;
    }
    String site = request.getHeader("Sec-Fetch-Site");
    if (site != null) {
      site = site.trim().toLowerCase(Locale.ROOT);
      if (!site.equals("same-origin") && !site.equals("none")) {
        return "a page of another origin (Sec-Fetch-Site: " + site + ") may not send this request";
      }
      return null;
    }
    String origin = request.getHeader("Origin");
    if (origin != null && !sameOrigin(origin, request.getHeader("Host"))) {
      return "a page of another origin (Origin: " + (origin.length() > 100 ? origin.substring(0, 100) : origin) + ") may not send this"
          + " request";
    }
    return null;
  }

  /** Whether the Origin names the host and port this request was sent to (the scheme may differ behind a TLS proxy). */
  static boolean sameOrigin(String origin, String host) {
    if (host == null || origin.equals("null")) {
      return false;
    }
    try {
      URI o = URI.create(origin.trim());
      if (o.getHost() == null) {
        return false;
      }
      int schemeDefault = "https".equalsIgnoreCase(o.getScheme()) ? 443 : 80;
      int port = o.getPort() >= 0 ? o.getPort() : schemeDefault;
      URI h = URI.create("http://" + host.trim());
      int hostPort = h.getPort() >= 0 ? h.getPort() : schemeDefault; // a Host without a port: the scheme's default
      return o.getHost().equalsIgnoreCase(h.getHost()) && port == hostPort;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
