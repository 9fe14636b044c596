package dev.baton.manager.security;

import dev.baton.manager.config.Threads;
import dev.baton.manager.operations.Actor;
import dev.baton.manager.refusal.Refusal;
import dev.baton.security.AccountsChanged;
import dev.baton.security.AccountsWatch;
import dev.baton.security.ApiToken;
import dev.baton.security.Authenticator;
import dev.baton.security.Caller;
import dev.baton.security.Passwords;
import dev.baton.security.Role;
import dev.baton.security.Secrets;
import dev.baton.security.User;
import dev.baton.store.Redis;
import dev.baton.store.RedisCredentials;
import dev.baton.store.StoreUnavailableException;
import dev.baton.task.Violation;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Users and API tokens: the first admin, and what an admin does with them. Every change makes this manager
 * check every credential again at once.
 */
@ApplicationScoped
public class Accounts {
  private static final Logger LOG = Logger.getLogger(Accounts.class.getName());
  public static final String ADMIN = "admin";
  /** A token lives this long unless its creator says otherwise; at most {@link #MAX_TOKEN_DAYS}. */
  public static final int DEFAULT_TOKEN_DAYS = 90;
  public static final int MAX_TOKEN_DAYS = 3650;

  @Inject Redis redis;
  @Inject Pbkdf2PasswordHash hash;
  @Inject Threads threads;
  @Inject Event<AccountsChanged> changed;

  private RedisCredentials store;
  private Authenticator authenticator;
  private AccountsWatch watch;
  private final Object adminLock = new Object();
  private volatile boolean adminEnsured;

  @PostConstruct
  void init() {
    hash.initialize(Passwords.PBKDF2);
    store = new RedisCredentials(redis);
    authenticator =
        new Authenticator(store, hash, ConfigProvider.getConfig().getOptionalValue("baton.internal.token", String.class).orElse(null));
  }

  /** Watches for changes of users and tokens made by any process (this one included): then everyone is checked again. */
  void watch(@Observes @Initialized(ApplicationScoped.class) Object started) {
    watch = new AccountsWatch(store, this::changed);
    watch.start(threads.factory());
  }

  void unwatch(@Observes @BeforeDestroyed(ApplicationScoped.class) Object stopping) {
    if (watch != null) {
      watch.stop();
    }
  }

  private void changed() {
    authenticator.forget();
    changed.fire(new AccountsChanged());
  }

  /** Checks credentials; makes sure the first admin exists before the first check. */
  public Authenticator authenticator() {
    if (!adminEnsured) {
      ensureAdmin();
    }
    return authenticator;
  }

  /**
   * The first start makes the user {@code admin}: with {@code baton.admin.password} (env BATON_ADMIN_PASSWORD) if
   * set, else with a random password written once to standard output. When that setting is given it is the admin's
   * password: a start with a new value rotates it.
   */
  public void ensureAdmin() {
    synchronized (adminLock) {
      if (!adminEnsured) {
        makeAdmin();
        adminEnsured = true;
      }
    }
  }

  private void makeAdmin() {
    Optional<String> configured =
        ConfigProvider.getConfig().getOptionalValue("baton.admin.password", String.class).filter(p -> !p.isBlank());
    if (configured.isPresent() && Passwords.weakness(configured.get()) != null) {
      LOG.severe("baton.admin.password " + Passwords.weakness(configured.get()) + "; it was not used");
      configured = Optional.empty();
    }
    Optional<User> admin = store.user(ADMIN);
    Instant now = Instant.now();
    if (admin.isEmpty()) {
      String password = configured.orElseGet(() -> Secrets.random(18));
      boolean created = store.createUser(ADMIN, Role.ADMIN, Passwords.hash(hash, password), now);
      if (created && configured.isEmpty()) {
        // Shown once, on the process's console; set BATON_ADMIN_PASSWORD to choose it instead
        System.out.println(
            "Baton: created the user 'admin' with the password " + password + " (shown once; set BATON_ADMIN_PASSWORD to choose it)");
      } else if (created) {
        LOG.info("created the user admin with the password from baton.admin.password");
      }
    } else if (configured.isPresent() && !hash.verify(configured.get().toCharArray(), admin.get().passwordHash())) {
      store.updateUser(ADMIN, Role.ADMIN, Passwords.hash(hash, configured.get()), now);
      authenticator.forget();
      LOG.info("the admin's password was changed to the one in baton.admin.password");
    }
  }

  /** At start: the admin is made now if Redis is up, else before the first login. */
  public void ensureAdminQuietly() {
    try {
      ensureAdmin();
    } catch (StoreUnavailableException e) {
      LOG.warning(() -> "the first admin is checked once Redis is reachable: " + e.getMessage());
    }
  }

  /** How long a console login lasts at most, across manager restarts (the session itself ends after 30 idle minutes). */
  public static final Duration LOGIN_LIFETIME = Duration.ofHours(12);

  /**
   * A console login that survives a restart of the manager, made with the password set at {@code passwordAt}: @return
   * the secret for its cookie
   */
  public String startLogin(String user, Instant passwordAt) {
    String secret = Secrets.random(32);
    store.saveLogin(Secrets.sha256(secret), user, passwordAt, LOGIN_LIFETIME);
    return secret;
  }

  /** A console login: who, with their role now, and the time of the password they logged in with. */
  public record Login(Caller caller, Instant passwordAt) {}

  /** A login's user and the time of their password now, for a login being made; empty if there is no such user. */
  public Optional<Instant> passwordAt(String user) {
    return authenticator.passwordAt(user);
  }

  /**
   * The caller a login (a session's or a cookie's) stands for, with their role now; empty if the user is gone or their
   * password was changed since.
   */
  public Optional<Caller> stillLoggedIn(String user, Instant passwordAt) {
    return authenticator.session(user, passwordAt);
  }

  /** The login a cookie stands for; empty if it ended, expired, the user is gone or their password changed since. */
  public Optional<Login> resumeLogin(String secret) {
    if (secret == null || secret.length() > 100) {
      return Optional.empty();
    }
    return store
        .login(Secrets.sha256(secret))
        .flatMap(l -> authenticator.session(l.user(), l.passwordAt()).map(c -> new Login(c, l.passwordAt())));
  }

  public void endLogin(String secret) {
    if (secret != null && secret.length() <= 100) {
      store.endLogin(Secrets.sha256(secret));
    }
  }

  /** A user as stored now (for the console's live channel, which follows changes of its users); no role check. */
  public Optional<User> user(String name) {
    return store.user(name);
  }

  public List<User> users(Actor actor) {
    actor.require(Role.ADMIN);
    return store.users();
  }

  /**
   * Creates or changes a user.
   *
   * @param role null: unchanged (required for a new user)
   * @param password null: unchanged (required for a new user)
   * @return whether the user was created
   */
  public boolean saveUser(String name, String roleId, String password, Actor actor) {
    actor.require(Role.ADMIN);
    List<Violation> wrong = new ArrayList<>();
    if (name == null || !Passwords.NAME.matcher(name).matches()) {
      wrong.add(new Violation("name", "must be 1-64 letters, digits, '.', '-' or '_', starting with a letter or digit"));
    }
    Role role = roleId == null ? null : Role.of(roleId);
    if (roleId != null && role == null) {
      wrong.add(new Violation("role", "must be viewer, operator or admin"));
    }
    if (password != null && Passwords.weakness(password) != null) {
      wrong.add(new Violation("password", Passwords.weakness(password)));
    }
    Optional<User> existing = wrong.isEmpty() ? store.user(name) : Optional.empty();
    if (wrong.isEmpty() && existing.isEmpty()) {
      if (role == null) {
        wrong.add(new Violation("role", "is required for a new user"));
      }
      if (password == null) {
        wrong.add(new Violation("password", "is required for a new user"));
      }
    }
    if (ADMIN.equals(name) && role != null && role != Role.ADMIN) {
      wrong.add(new Violation("role", "the user admin stays an admin"));
    }
    if (!wrong.isEmpty()) {
      throw Refusal.invalid(wrong);
    }
    String passwordHash = password == null ? null : Passwords.hash(hash, password);
    boolean created = existing.isEmpty() && store.createUser(name, role, passwordHash, Instant.now());
    if (!created) {
      store.updateUser(name, role, passwordHash, Instant.now());
    }
    authenticator.forget();
    LOG.info(() -> (created ? "created" : "changed") + " the user " + name + " (by " + actor + ")");
    return created;
  }

  public void deleteUser(String name, Actor actor) {
    actor.require(Role.ADMIN);
    if (ADMIN.equals(name)) {
      throw Refusal.conflict("the user admin cannot be deleted (change its password instead)");
    }
    if (!store.deleteUser(name)) {
      throw Refusal.notFound("no user named '" + name + "'");
    }
    authenticator.forget();
    LOG.info(() -> "deleted the user " + name + " and its tokens (by " + actor + ")");
  }

  /** A new token and its secret, which exists nowhere else: the caller shows it once. */
  public record IssuedToken(ApiToken token, String secret) {}

  /**
   * @param owner the user whose token it is (null: the actor)
   * @param roleId null: the owner's role; never above it
   * @param days null: {@value #DEFAULT_TOKEN_DAYS}
   */
  public IssuedToken createToken(String name, String owner, String roleId, Integer days, Actor actor) {
    actor.require(Role.ADMIN);
    List<Violation> wrong = new ArrayList<>();
    if (name == null || name.isBlank() || name.length() > 100 || name.chars().anyMatch(Character::isISOControl)) {
      wrong.add(new Violation("name", "is required: 1-100 characters without control characters, what the token is for"));
    }
    String ownerName = owner == null ? actor.user() : owner;
    Optional<User> ownerUser = ownerName == null ? Optional.empty() : store.user(ownerName);
    if (ownerUser.isEmpty()) {
      wrong.add(new Violation("owner", "names no user"));
    }
    Role role = roleId == null ? ownerUser.map(User::role).orElse(null) : Role.of(roleId);
    if (roleId != null && role == null) {
      wrong.add(new Violation("role", "must be viewer, operator or admin"));
    } else if (role != null && ownerUser.isPresent() && !ownerUser.get().role().includes(role)) {
      wrong.add(new Violation("role", "must not be above its owner's role (" + ownerUser.get().role().id() + ")"));
    }
    int d = days == null ? DEFAULT_TOKEN_DAYS : days;
    if (d < 1 || d > MAX_TOKEN_DAYS) {
      wrong.add(new Violation("expires_in_days", "must be from 1 to " + MAX_TOKEN_DAYS));
    }
    if (!wrong.isEmpty()) {
      throw Refusal.invalid(wrong);
    }
    Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS); // as Redis keeps it
    String secret = Secrets.newToken();
    ApiToken t = new ApiToken(Secrets.random(9), name, ownerName, role, now, now.plus(Duration.ofDays(d)));
    store.saveToken(t, Secrets.sha256(secret));
    LOG.info(() -> "created the token " + t.id() + " (" + t.role().id() + ", for " + t.owner() + ", by " + actor + ")");
    return new IssuedToken(t, secret);
  }

  public List<ApiToken> tokens(Actor actor) {
    actor.require(Role.ADMIN);
    return store.tokens();
  }

  public void revokeToken(String id, Actor actor) {
    actor.require(Role.ADMIN);
    if (!store.revokeToken(id)) {
      throw Refusal.notFound("no token with the id '" + id + "'");
    }
    authenticator.forget();
    LOG.info(() -> "revoked the token " + id + " (by " + actor + ")");
  }
}
