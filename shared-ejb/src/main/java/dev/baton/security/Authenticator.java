package dev.baton.security;

import dev.baton.store.RedisCredentials;
import dev.baton.store.StoreUnavailableException;
import jakarta.security.enterprise.identitystore.PasswordHash;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks credentials against the users and tokens in Redis: an {@code Authorization} header (HTTP Basic or a
 * Bearer token) or a user name and password from the console's login form.
 *
 * <p>A password check costs a slow hash (that is its point), so a verified header is remembered for {@link
 * #FRESH}: the API's callers send the same header on every request. Any change of users or tokens through
 * this process forgets them all at once; another process (a worker) sees it within {@link #FRESH}. While Redis is
 * down, a header verified before keeps working: an outage must not lock the operators out of the status page.
 * Failed passwords are throttled per user and address ({@link LoginThrottle}).
 */
public final class Authenticator {
  /** How long a verified header is taken as it is. */
  public static final Duration FRESH = Duration.ofSeconds(30);

  private static final int MAX_REMEMBERED = 10_000;

  /** The caller the cluster's own processes are when they call each other (a worker calling the manager's echo). */
  public static final String INTERNAL = "baton-internal";

  private final RedisCredentials store;
  private final PasswordHash hash;
  private final LoginThrottle throttle;
  /** The cluster's internal token (baton.internal.token), or null. */
  private final byte[] internalToken;
  /** Verified against when the user does not exist, so that a wrong name takes as long as a wrong password. */
  private final String decoy;

  private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

  private record Verified(Caller caller, long atNanos) {}

  public Authenticator(RedisCredentials store, PasswordHash hash) {
    this(store, hash, null);
  }

  /** @param internalToken the cluster's own token (Bearer): its processes' calls to each other, with the viewer's role */
  public Authenticator(RedisCredentials store, PasswordHash hash, String internalToken) {
    this.internalToken = internalToken == null || internalToken.isBlank() ? null : internalToken.getBytes(StandardCharsets.UTF_8);
    this.store = store;
    this.hash = hash;
    this.throttle = new LoginThrottle(store);
    this.decoy = hash.generate(Secrets.random(16).toCharArray());
  }

  /**
   * @param authorization the header's value ({@code Basic ...} or {@code Bearer ...})
   * @param address the client's address, for the throttle of failed passwords
   * @return the caller; or wrong (credentials wrong, expired, not of a known scheme); or throttled
   * @throws StoreUnavailableException if Redis is down and the header was not verified before
   */
  public Verdict header(String authorization, String address) {
    String key = Secrets.sha256(authorization);
    Verified v = verified.get(key);
    if (v != null && System.nanoTime() - v.atNanos() < FRESH.toNanos()) {
      return Verdict.of(v.caller());
    }
    Verdict verdict;
    try {
      verdict = verify(authorization, address);
    } catch (StoreUnavailableException e) {
      if (v != null) {
        return Verdict.of(v.caller());
      }
      throw e;
    }
    if (verdict.admitted()) {
      if (verified.size() >= MAX_REMEMBERED) {
        verified.clear();
      }
      verified.put(key, new Verified(verdict.caller(), System.nanoTime()));
    } else {
      verified.remove(key);
    }
    return verdict;
  }

  /** A user name and password (HTTP Basic, the console's login form), throttled per user and address. */
  public Verdict password(String name, char[] password, String address) {
    String user = name == null ? "" : name;
    Instant now = Instant.now();
    java.time.Duration wait = throttle.wait(user, address, now);
    if (!wait.isZero()) {
      return Verdict.throttled(wait);
    }
    Optional<User> found = user.isEmpty() || user.length() > 64 ? Optional.empty() : store.user(user);
    boolean right;
    if (found.isEmpty() || found.get().role() == null) {
      hash.verify(password, decoy);
      right = false;
    } else {
      right = hash.verify(password, found.get().passwordHash());
    }
    if (!right) {
      throttle.failed(user.length() > 64 ? user.substring(0, 64) : user, address, now);
      return Verdict.WRONG;
    }
    throttle.succeeded(user);
    return Verdict.of(new Caller(found.get().name(), found.get().role(), "basic"));
  }

  /** The user a console session logged in as, with their role now (empty if the user was deleted meanwhile). */
  public Optional<Caller> session(String name) {
    return store.user(name).filter(u -> u.role() != null).map(u -> new Caller(u.name(), u.role(), "session"));
  }

  /** Users or tokens changed: verify every header again. */
  public void forget() {
    verified.clear();
  }

  private Verdict verify(String authorization, String address) {
    int space = authorization.indexOf(' ');
    if (space < 0) {
      return Verdict.WRONG;
    }
    String scheme = authorization.substring(0, space);
    String value = authorization.substring(space + 1).strip();
    if (scheme.equalsIgnoreCase("Bearer")) {
      return bearer(value).map(Verdict::of).orElse(Verdict.WRONG);
    }
    if (scheme.equalsIgnoreCase("Basic")) {
      return basic(value, address);
    }
    return Verdict.WRONG;
  }

  private Optional<Caller> bearer(String token) {
    if (internalToken != null && java.security.MessageDigest.isEqual(internalToken, token.getBytes(StandardCharsets.UTF_8))) {
      return Optional.of(new Caller(INTERNAL, Role.VIEWER, "internal"));
    }
    if (!token.startsWith(Secrets.TOKEN_PREFIX) || token.length() > 200) {
      return Optional.empty();
    }
    return store
        .tokenBySecretHash(Secrets.sha256(token))
        .filter(t -> t.role() != null && !t.expired(Instant.now()))
        .map(t -> new Caller(t.owner(), t.role(), "bearer"));
  }

  /** Malformed Basic credentials are wrong without a password check (and do not count as a failed login). */
  private Verdict basic(String encoded, String address) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Verdict.WRONG;
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0 || decoded.length() > 500) {
      return Verdict.WRONG;
    }
    return password(decoded.substring(0, colon), decoded.substring(colon + 1).toCharArray(), address);
  }
}
