package dev.baton.worker.security;

import dev.baton.security.Authenticator;
import dev.baton.security.Caller;
import dev.baton.security.Challenge;
import dev.baton.security.Passwords;
import dev.baton.security.SecurityHeaders;
import dev.baton.security.Verdict;
import dev.baton.store.Redis;
import dev.baton.store.RedisCredentials;
import dev.baton.store.StoreUnavailableException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The worker's API ({@code /api/...}) takes the same credentials as the manager's, checked against the same users
 * and tokens in Redis: HTTP Basic or an API token, any role (it only reads). Health and metrics stay open, for
 * probes and Prometheus.
 */
@ApplicationScoped
public class WorkerAuthentication implements HttpAuthenticationMechanism {
  @Inject Redis redis;
  @Inject Pbkdf2PasswordHash hash;

  private Authenticator authenticator;

  @PostConstruct
  void init() {
    hash.initialize(Passwords.PBKDF2);
    authenticator = new Authenticator(new RedisCredentials(redis), hash);
  }

  @Override
  public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    SecurityHeaders.set(request, response); // a refusal here comes before the filters
    if (!path.startsWith("/api/") && !path.equals("/api")) {
      return context.doNothing();
    }
    String header = request.getHeader("Authorization");
    try {
      Verdict verdict = header == null ? Verdict.WRONG : authenticator.header(header, request.getRemoteAddr());
      if (verdict.admitted()) {
        Caller caller = verdict.caller();
        return context.notifyContainerAboutLogin(caller::name, caller.role().groups());
      }
      if (verdict.throttled()) {
        Challenge.throttled(response, path, verdict.retryAfter());
      } else {
        Challenge.unauthorized(
            response, path, header == null ? "this needs credentials: HTTP Basic or an API token" : "the credentials are wrong or expired");
      }
    } catch (StoreUnavailableException e) {
      Challenge.unavailable(response, path);
    }
    try {
      response.flushBuffer();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return AuthenticationStatus.SEND_FAILURE;
  }
}
