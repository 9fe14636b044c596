package dev.baton.security;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The headers every answer of the manager and the workers carries: no sniffing of content types, no referrer to other
 * sites, no framing by any page (clickjacking), and a Content-Security-Policy. The API's answers are data: nothing
 * may load or run from them. The pages (console, login, Swagger UI) load only from this origin; scripts and styles
 * inline are allowed because PrimeFaces writes its widgets' set-up and event handlers inline.
 */
public final class SecurityHeaders {
  private SecurityHeaders() {}

  public static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
  public static final String PAGE_POLICY =
      "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline';"
          + " img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; frame-ancestors 'none';"
          + " base-uri 'self'; form-action 'self'";

  /** Sets the headers; called by the authentication mechanisms, which see every request first (their refusals too). */
  public static void set(HttpServletResponse response, ServedPath.Zone zone) {
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Content-Security-Policy", zone == ServedPath.Zone.API ? API_POLICY : PAGE_POLICY);
  }
}
