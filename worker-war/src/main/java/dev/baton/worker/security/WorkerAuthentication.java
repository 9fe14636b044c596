package dev.baton.worker.security;

import dev.baton.security.AccountsWatch;
import dev.baton.security.Authenticator;
import dev.baton.security.Caller;
import dev.baton.security.Challenge;
import dev.baton.security.CrossSite;
import dev.baton.security.Passwords;
import dev.baton.security.SecurityHeaders;
import dev.baton.security.ServedPath;
import dev.baton.security.Verdict;
import dev.baton.store.Redis;
import dev.baton.store.RedisCredentials;
import dev.baton.store.StoreUnavailableException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
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
 * and tokens in Redis: HTTP Basic or an API token, any role (it only reads). Every other path of the worker is closed
 * too (deny by default); health and metrics are Payara's own applications and stay open, for probes and Prometheus.
 */
@ApplicationScoped
public class WorkerAuthentication implements HttpAuthenticationMechanism {
  @Inject Redis redis;
  @Inject Pbkdf2PasswordHash hash;
  @Resource ManagedThreadFactory threadFactory;

  private Authenticator authenticator;
  private AccountsWatch watch;

  @PostConstruct
  void init() {
    hash.initialize(Passwords.PBKDF2);
    RedisCredentials store = new RedisCredentials(redis);
    authenticator = new Authenticator(store, hash);
    // a user demoted, deleted or given a new password, a token revoked on the manager: forgotten here within a second
    watch = new AccountsWatch(store, authenticator::forget);
    watch.start(threadFactory);
  }

  @PreDestroy
  void stop() {
    watch.stop();
  }

  /** Created at the start, so that it watches for changed users from then on (not from the first request). */
  void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
    // nothing: observing the event makes the container create this bean now
  }

  @Override
  public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    String path = ServedPath.of(request);
    ServedPath.Zone zone = ServedPath.WORKER.zone(path);
    SecurityHeaders.set(response, zone); // a refusal here comes before the filters
    if (zone == ServedPath.Zone.OPEN && !context.isProtected()) { // open only if web.xml says so too
      return context.doNothing();
    }
    String header = request.getHeader("Authorization");
    try {
      String crossSite = CrossSite.refusal(request);
      if (crossSite != null) {
        Challenge.forbidden(response, path, crossSite);
        return committed(response);
      }
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
    return committed(response);
  }

  /** The answer is written and sent: the container must neither run the resource nor replace the answer. */
  private static AuthenticationStatus committed(HttpServletResponse response) {
    try {
      response.flushBuffer();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return AuthenticationStatus.SEND_FAILURE;
  }
}
