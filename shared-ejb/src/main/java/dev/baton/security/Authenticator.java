package dev.baton.security;

import dev.baton.store.RedisCredentials;
import dev.baton.store.StoreUnavailableException;
import jakarta.security.enterprise.identitystore.PasswordHash;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks credentials against the users and tokens in Redis: an {@code Authorization} header (HTTP Basic or a
 * Bearer token) or a user name and password from the console's login form.
 *
 * <p>A password check costs a slow hash (that is its point), so a verified header is remembered for {@link
 * #FRESH}: the API's callers send the same header on every request. Any change of users or tokens forgets them all:
 * at once in the process that made it, within a second in every other (AccountsWatch); {@link #FRESH} bounds it if
 * that watch cannot read Redis. While Redis is
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

  /** The verifications under way, by header hash and address: a request with the same ones waits for that verdict. */
  private final ConcurrentHashMap<String, CompletableFuture<Verdict>> verifying = new ConcurrentHashMap<>();

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
    // A client with many connections sends the same header on each at once: one slow hash for them all, not one each.
    String flight = key + '\n' + address;
    CompletableFuture<Verdict> mine = new CompletableFuture<>();
    CompletableFuture<Verdict> running = verifying.putIfAbsent(flight, mine);
    if (running != null) {
      return verdictOf(running);
    }
    try {
      Verdict verdict = verifyAndRemember(key, authorization, address, v);
      mine.complete(verdict);
      return verdict;
    } catch (RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      verifying.remove(flight, mine);
    }
  }

  /** The verdict another request is reaching for the same header and address (an outage: its exception). */
  private static Verdict verdictOf(CompletableFuture<Verdict> running) {
    try {
      return running.join();
    } catch (java.util.concurrent.CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  private Verdict verifyAndRemember(String key, String authorization, String address, Verified before) {
    Verdict verdict;
    try {
      verdict = verify(authorization, address);
    } catch (StoreUnavailableException e) {
      if (before != null) {
        return Verdict.of(before.caller());
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

  /**
   * The user a console login stands for, with their role now; empty if the user was deleted or their password was
   * changed since {@code passwordAt} (a new password ends every login made with the old one).
   */
  public Optional<Caller> session(String name, Instant passwordAt) {
    return store
        .user(name)
        .filter(u -> u.role() != null && u.passwordAt().toEpochMilli() == passwordAt.toEpochMilli())
        .map(u -> new Caller(u.name(), u.role(), "session"));
  }

  /** When the user's password was set (for a login made now), or empty if there is no such user. */
  public Optional<Instant> passwordAt(String name) {
    return store.user(name).map(User::passwordAt);
  }

  /**
   * The caller these credentials stand for now, checked afresh (nothing remembered, no failure counted): for an open
   * stream when users or tokens changed. Empty if they no longer hold.
   */
  public Optional<Caller> recheck(String authorization) {
    int space = authorization.indexOf(' ');
    if (space < 0) {
      return Optional.empty();
    }
    String scheme = authorization.substring(0, space);
    String value = authorization.substring(space + 1).strip();
    if (scheme.equalsIgnoreCase("Bearer")) {
      return bearer(value);
    }
    if (!scheme.equalsIgnoreCase("Basic")) {
      return Optional.empty();
    }
    String[] pair = userAndPassword(value);
    if (pair == null) {
      return Optional.empty();
    }
    return store
        .user(pair[0])
        .filter(u -> u.role() != null && hash.verify(pair[1].toCharArray(), u.passwordHash()))
        .map(u -> new Caller(u.name(), u.role(), "basic"));
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
    Optional<ApiToken> found = store.tokenBySecretHash(Secrets.sha256(token)).filter(t -> t.role() != null && !t.expired(Instant.now()));
    if (found.isEmpty()) {
      return Optional.empty();
    }
    // a token never does more than its owner may now: demoted, it is demoted too; deleted, it is dead
    return store
        .user(found.get().owner())
        .filter(owner -> owner.role() != null)
        .map(owner -> new Caller(owner.name(), owner.role().includes(found.get().role()) ? found.get().role() : owner.role(), "bearer"));
  }

  /** Malformed Basic credentials are wrong without a password check (and do not count as a failed login). */
  private Verdict basic(String encoded, String address) {
    String[] pair = userAndPassword(encoded);
    return pair == null ? Verdict.WRONG : password(pair[0], pair[1].toCharArray(), address);
  }

  /** The user and password of HTTP Basic credentials, or null if they are malformed. */
  private static String[] userAndPassword(String encoded) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0 || decoded.length() > 500) {
      return null;
    }
    return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
  }
}
