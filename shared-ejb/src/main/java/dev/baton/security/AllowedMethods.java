package dev.baton.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;

/** The methods any path takes; others are 405 here (a servlet without the method would answer 501, a server error). */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class AllowedMethods extends HttpFilter {
  private static final long serialVersionUID = 1L;
  private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS");

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!METHODS.contains(request.getMethod())) {
      response.setHeader("Allow", String.join(", ", METHODS));
      response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
      return;
    }
    chain.doFilter(request, response);
  }
}
