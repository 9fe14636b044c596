package dev.baton.manager.security;

import dev.baton.security.Caller;
import dev.baton.security.Challenge;
import dev.baton.security.CrossSite;
import dev.baton.security.Role;
import dev.baton.security.SecurityHeaders;
import dev.baton.security.ServedPath.Zone;
import dev.baton.security.ServedPath;
import dev.baton.security.Verdict;
import dev.baton.store.StoreUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * How the manager knows who sends a request (Jakarta Security; the container calls it for every request):
 *
 * <ul>
 *   <li>the API: {@code Authorization: Basic} (a user's name and password) or {@code Bearer} (an API token) on each
 *       request, no session; without valid ones a 401 problem with {@code WWW-Authenticate};
 *   <li>the console: its login form (through {@code SecurityContext.authenticate}) puts the user in the HTTP
 *       session, whose id changes at login; without a session a page goes to the login form.
 * </ul>
 *
 * The caller is left on the request for {@link Callers}; what each role may do is checked by the actions.
 */
@ApplicationScoped
public class ManagerAuthentication implements HttpAuthenticationMechanism {
  public static final String LOGIN_PAGE = "/login.xhtml";
  /** The console login's cookie: it brings the login back when the session is gone (a manager restart). */
  public static final String LOGIN_COOKIE = "baton_login";
  /** Left on a login request that was not heard (too many failed logins): how long to wait, for the form's message. */
  public static final String THROTTLED = "dev.baton.login-throttled";
  static final String SESSION_USER = "dev.baton.user";
  static final String SESSION_ROLE = "dev.baton.role";
  static final String SESSION_PASSWORD_AT = "dev.baton.password-at";

  @Inject Accounts accounts;

  @Override
  public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    String path = ServedPath.of(request);
    Zone zone = ServedPath.MANAGER.zone(path);
    if (zone == Zone.OPEN && context.isProtected()) {
      zone = Zone.PAGES; // open only if the container's constraints (web.xml) say so too
    }
    SecurityHeaders.set(response, zone); // a refusal here comes before the filters
    String crossSite = CrossSite.refusal(request);
    if (crossSite != null) {
      Challenge.forbidden(response, path, crossSite);
      return committed(response);
    }
    try {
      if (context.isAuthenticationRequest() && context.getAuthParameters().getCredential() instanceof UsernamePasswordCredential c) {
        return formLogin(request, context, c);
      }
      String header = request.getHeader("Authorization");
      if (header != null) {
        Verdict verdict = accounts.authenticator().header(header, request.getRemoteAddr());
        if (verdict.admitted()) {
          return admit(request, context, path, verdict.caller());
        }
        if (verdict.throttled()) {
          Challenge.throttled(response, path, verdict.retryAfter());
          return committed(response);
        }
        return refuse(response, path, "the credentials are wrong, expired or revoked");
      }
      if (zone == Zone.API) {
        // the API never takes the console's cookie: a page of another site cannot make a browser act through it
        return refuse(
            response, path, "this needs credentials: HTTP Basic (a user's name and password) or an API token (Authorization: Bearer"
                + " ...); the console's login does not count for the API");
      }
      Optional<Caller> member = sessionCaller(request);
      if (member.isEmpty() && zone == Zone.PAGES) {
        member = resumedLogin(request, response);
      }
      if (member.isPresent()) {
        return admit(request, context, path, member.get());
      }
    } catch (StoreUnavailableException e) {
      if (zone == Zone.OPEN) {
        return context.doNothing();
      }
      Challenge.unavailable(response, path);
      return committed(response);
    }
    if (zone == Zone.OPEN) {
      return context.doNothing();
    }
    String back = request.getQueryString() == null ? path : path + "?" + request.getQueryString();
    String login = request.getContextPath() + LOGIN_PAGE + "?next=" + URLEncoder.encode(back, StandardCharsets.UTF_8);
    if ("partial/ajax".equals(request.getHeader("Faces-Request"))) {
      // an ajax request of a page whose session is gone: Faces' own redirect, which the page follows
      return partialRedirect(response, request.getContextPath() + LOGIN_PAGE);
    }
    return context.redirect(login);
  }

  private AuthenticationStatus formLogin(HttpServletRequest request, HttpMessageContext context, UsernamePasswordCredential c) {
    Verdict verdict = accounts.authenticator().password(c.getCaller(), c.getPassword().getValue(), request.getRemoteAddr());
    if (!verdict.admitted()) {
      if (verdict.throttled()) {
        request.setAttribute(THROTTLED, verdict.retryAfter());
      }
      return AuthenticationStatus.SEND_FAILURE;
    }
    Caller caller = verdict.caller();
    Instant passwordAt = accounts.passwordAt(caller.name()).orElse(Instant.EPOCH);
    // A new session id at login: a session id planted before it (fixation) is worth nothing after it.
    HttpSession session = request.getSession(true);
    request.changeSessionId();
    remember(session, caller, passwordAt);
    loginCookie(context.getResponse(), accounts.startLogin(caller.name(), passwordAt), Accounts.LOGIN_LIFETIME.toSeconds());
    return admit(request, context, ServedPath.of(request), new Caller(caller.name(), caller.role(), "session"));
  }

  /** The login in the session: who, their role (for an outage of Redis), the time of the password they used. */
  private static void remember(HttpSession session, Caller caller, Instant passwordAt) {
    session.setAttribute(SESSION_USER, caller.name());
    session.setAttribute(SESSION_ROLE, caller.role().id());
    session.setAttribute(SESSION_PASSWORD_AT, passwordAt.toEpochMilli());
  }

  /** No session (the manager restarted, or it timed out) but a login cookie: the login goes on in a new session. */
  private Optional<Caller> resumedLogin(HttpServletRequest request, HttpServletResponse response) {
    String secret = cookie(request, LOGIN_COOKIE);
    if (secret == null) {
      return Optional.empty();
    }
    Optional<Accounts.Login> login = accounts.resumeLogin(secret);
    if (login.isEmpty()) {
      loginCookie(response, "", 0);
      return Optional.empty();
    }
    remember(request.getSession(true), login.get().caller(), login.get().passwordAt());
    return Optional.of(login.get().caller());
  }

  static String cookie(HttpServletRequest request, String name) {
    if (request.getCookies() != null) {
      for (jakarta.servlet.http.Cookie c : request.getCookies()) {
        if (name.equals(c.getName())) {
          return c.getValue();
        }
      }
    }
    return null;
  }

  /** HttpOnly, SameSite=Strict: no script reads it and no other site's request carries it. */
  private static void loginCookie(HttpServletResponse response, String value, long maxAgeSeconds) {
    response.addHeader(
        "Set-Cookie", LOGIN_COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Strict");
  }

  private static AuthenticationStatus partialRedirect(HttpServletResponse response, String url) {
    response.setStatus(200);
    response.setContentType("text/xml");
    response.setCharacterEncoding("UTF-8");
    try {
      response.getWriter().write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\"" + url + "\"/></partial-response>");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return committed(response);
  }

  /**
   * The session's user with their role now; while Redis is down, the role they logged in with. A session whose user
   * was deleted or changed their password since it logged in is over.
   */
  private Optional<Caller> sessionCaller(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null || !(session.getAttribute(SESSION_USER) instanceof String name)) {
      return Optional.empty();
    }
    Optional<Caller> now;
    try {
      Instant passwordAt = session.getAttribute(SESSION_PASSWORD_AT) instanceof Long ms ? Instant.ofEpochMilli(ms) : Instant.EPOCH;
      now = accounts.stillLoggedIn(name, passwordAt);
    } catch (StoreUnavailableException e) {
      Role role = Role.of(String.valueOf(session.getAttribute(SESSION_ROLE)));
      return role == null ? Optional.empty() : Optional.of(new Caller(name, role, "session"));
    }
    if (now.isEmpty()) {
      session.invalidate(); // the user was deleted, or their password changed
    } else {
      session.setAttribute(SESSION_ROLE, now.get().role().id());
    }
    return now;
  }

  private AuthenticationStatus admit(HttpServletRequest request, HttpMessageContext context, String path, Caller caller) {
    if (path.startsWith(PUSH) && !channels.mayJoin(request.getQueryString(), caller.name())) {
      // Faces registers a page's channel id application-wide: another user who learned it is refused here
      Challenge.forbidden(context.getResponse(), path, "this live channel belongs to another user's page");
      return committed(context.getResponse());
    }
    request.setAttribute(Callers.ATTRIBUTE, caller);
    return context.notifyContainerAboutLogin(caller::name, caller.role().groups());
  }

  /** The console's live channels: each channel id (the query of the handshake) is its first user's. */
  private static final String PUSH = "/jakarta.faces.push/";

  private final ChannelOwners channels = new ChannelOwners();

  /** Which user's page each live channel id belongs to: the user whose page connects first (it does at once). */
  static final class ChannelOwners {
    private static final int KEPT = 100_000;
    private final java.util.Map<String, String> owners =
        java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(1024, 0.75f, true) {
              @Override
              protected boolean removeEldestEntry(java.util.Map.Entry<String, String> eldest) {
                return size() > KEPT;
              }
            });

    boolean mayJoin(String channelId, String user) {
      if (channelId == null) {
        return true; // Faces itself refuses a handshake without a channel id
      }
      String owner = owners.putIfAbsent(channelId, user);
      return owner == null || owner.equals(user);
    }
  }

  private static AuthenticationStatus refuse(HttpServletResponse response, String path, String detail) {
    Challenge.unauthorized(response, path, detail);
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
