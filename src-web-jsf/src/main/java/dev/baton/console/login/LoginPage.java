package dev.baton.console.login;

import dev.baton.console.faces.FieldMessages;
import dev.baton.manager.security.Accounts;
import dev.baton.manager.security.Callers;
import dev.baton.manager.security.ManagerAuthentication;
import dev.baton.security.Caller;
import dev.baton.security.Role;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The console's login form and logout, through Jakarta Security ({@code SecurityContext.authenticate}); the
 * manager's authentication mechanism checks the password and starts the session. Also what the pages ask about
 * the caller (their name, whether their role shows a button): the actions check the role again on the server.
 */
@Named("login")
@RequestScoped
public class LoginPage {
  @Inject SecurityContext security;
  @Inject Callers callers;
  @Inject Accounts accounts;

  private String user;
  private String password;
  private String next;

  public String getUser() {
    return user;
  }

  public void setUser(String user) {
    this.user = user;
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }

  public String getNext() {
    return next;
  }

  public void setNext(String next) {
    this.next = next;
  }

  public void logIn() throws IOException {
    FacesContext fc = FacesContext.getCurrentInstance();
    ExternalContext ec = fc.getExternalContext();
    AuthenticationStatus status =
        security.authenticate(
            (HttpServletRequest) ec.getRequest(),
            (HttpServletResponse) ec.getResponse(),
            AuthenticationParameters.withParams()
                .newAuthentication(true)
                .credential(new UsernamePasswordCredential(user == null ? "" : user, new Password(password == null ? "" : password))));
    password = null;
    if (status == AuthenticationStatus.SUCCESS) {
      ec.redirect(ec.getRequestContextPath() + safeNext(next));
      fc.responseComplete();
    } else if (status == AuthenticationStatus.SEND_FAILURE
        && ((HttpServletRequest) ec.getRequest()).getAttribute(ManagerAuthentication.THROTTLED) instanceof java.time.Duration wait) {
      FieldMessages.error(
          "Too many failed logins", "for this user or from this address: try again in " + Math.max(1, wait.toSeconds()) + " s");
    } else if (status == AuthenticationStatus.SEND_FAILURE) {
      FieldMessages.error("Wrong user name or password", "try again");
    } else if (status != AuthenticationStatus.SEND_CONTINUE) {
      FieldMessages.error("Not logged in", "try again");
    }
  }

  public void logOut() throws IOException, ServletException {
    ExternalContext ec = FacesContext.getCurrentInstance().getExternalContext();
    Object login = ec.getRequestCookieMap().get(ManagerAuthentication.LOGIN_COOKIE);
    if (login instanceof jakarta.servlet.http.Cookie c) {
      accounts.endLogin(c.getValue());
    }
    ((HttpServletResponse) ec.getResponse())
        .addHeader("Set-Cookie", ManagerAuthentication.LOGIN_COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
    ((HttpServletRequest) ec.getRequest()).logout();
    ec.invalidateSession();
    ec.redirect(ec.getRequestContextPath() + "/login.xhtml?out=1");
    FacesContext.getCurrentInstance().responseComplete();
  }

  /** Only a page of the console itself: a link to the login page must not send a person elsewhere afterwards. */
  static String safeNext(String next) {
    if (next != null && next.startsWith("/console/") && !next.contains("//") && !next.contains("\\") && next.length() < 500
        && next.chars().noneMatch(Character::isISOControl)) {
      return next;
    }
    return "/console/";
  }

  /** The logged-in user's name, or empty. */
  public String getName() {
    Caller c = callers.caller();
    return c == null ? "" : c.name();
  }

  public String getRole() {
    Caller c = callers.caller();
    return c == null ? "" : c.role().id();
  }

  /** Whose the page's live channel is (f:websocket's user): the pushes it gets are for this user. */
  public dev.baton.console.push.PushUser getPushUser() {
    Caller c = callers.caller();
    return c == null ? new dev.baton.console.push.PushUser("", false) : new dev.baton.console.push.PushUser(c.name(), c.role().includes(Role.ADMIN));
  }

  /** Whether the caller's role shows the operators' buttons (submit, cancel, retry, migrate, pause). */
  public boolean isOperator() {
    Caller c = callers.caller();
    return c != null && c.role().includes(Role.OPERATOR);
  }

  /** Whether the caller's role shows the admins' buttons (workers' faults, schedules, webhooks, deletes, scenarios). */
  public boolean isAdmin() {
    Caller c = callers.caller();
    return c != null && c.role().includes(Role.ADMIN);
  }
}
