package dev.baton.store;

import dev.baton.security.ApiToken;
import dev.baton.security.Role;
import dev.baton.security.User;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Users (with their password hashes) and API tokens (under the SHA-256 of their secrets), shared by the manager
 * and the workers, which check the same credentials.
 */
public class RedisCredentials {
  /** Creates the user only if there is none of that name: two managers starting at once make one admin. */
  private static final String CREATE_USER =
      "if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end "
          + "redis.call('HSET', KEYS[1], 'name', ARGV[1], 'role', ARGV[2], 'hash', ARGV[3], 'created_at', ARGV[4], 'updated_at', ARGV[4],"
          + " 'password_at', ARGV[4]) "
          + "redis.call('ZADD', KEYS[2], ARGV[4], ARGV[1]) redis.call('INCR', KEYS[3]) return 1";

  private final Redis redis;
  private final RedisKeys keys;

  public RedisCredentials(Redis redis) {
    this.redis = redis;
    this.keys = redis.keys();
  }

  public Optional<User> user(String name) {
    Map<String, String> h = redis.read(c -> c.hgetAll(keys.user(name)));
    if (h.isEmpty()) {
      return Optional.empty();
    }
    Instant created = millis(h.get("created_at"));
    return Optional.of(
        new User(
            h.get("name"), Role.of(h.get("role")), h.get("hash"), created, millis(h.get("updated_at")),
            h.containsKey("password_at") ? millis(h.get("password_at")) : created));
  }

  /** By creation time. */
  public List<User> users() {
    List<User> all = new ArrayList<>();
    for (String name : redis.read(c -> c.zrange(keys.users(), 0, -1))) {
      user(name).ifPresent(all::add);
    }
    return all;
  }

  /** @return false if a user of that name exists (nothing changed) */
  public boolean createUser(String name, Role role, String passwordHash, Instant now) {
    Object r =
        redis.call(
            c -> c.eval(CREATE_USER, List.of(keys.user(name), keys.users(), keys.accountsVersion()), List.of(name, role.id(), passwordHash, ms(now))));
    return ((Number) r).longValue() == 1;
  }

  /** Changes an existing user's role and/or password hash (null: unchanged); a new password ends their console logins. */
  public void updateUser(String name, Role role, String passwordHash, Instant now) {
    redis.call(
        c -> {
          var fields = new java.util.HashMap<String, String>();
          fields.put("updated_at", ms(now));
          if (role != null) {
            fields.put("role", role.id());
          }
          if (passwordHash != null) {
            fields.put("hash", passwordHash);
            fields.put("password_at", ms(now));
          }
          c.hset(keys.user(name), fields);
          return c.incr(keys.accountsVersion());
        });
  }

  /** Deletes the user and revokes every token it owns. @return whether it existed */
  public boolean deleteUser(String name) {
    for (ApiToken t : tokens()) {
      if (t.owner().equals(name)) {
        revokeToken(t.id());
      }
    }
    boolean existed = redis.call(c -> c.zrem(keys.users(), name) > 0 | c.del(keys.user(name)) > 0);
    bump();
    return existed;
  }

  /** Stores a token under the SHA-256 of its secret; Redis forgets it when it expires. */
  public void saveToken(ApiToken t, String secretHash) {
    redis.call(
        c -> {
          c.hset(
              keys.token(secretHash),
              Map.of(
                  "id", t.id(), "name", t.name(), "owner", t.owner(), "role", t.role().id(), "created_at", ms(t.createdAt()),
                  "expires_at", ms(t.expiresAt())));
          c.pexpireAt(keys.token(secretHash), t.expiresAt().toEpochMilli());
          return c.hset(keys.tokens(), t.id(), secretHash);
        });
  }

  /** The token whose secret has this SHA-256, if it exists and has not expired. */
  public Optional<ApiToken> tokenBySecretHash(String secretHash) {
    Map<String, String> h = redis.read(c -> c.hgetAll(keys.token(secretHash)));
    if (h.isEmpty()) {
      return Optional.empty();
    }
    ApiToken t =
        new ApiToken(
            h.get("id"), h.get("name"), h.get("owner"), Role.of(h.get("role")), millis(h.get("created_at")), millis(h.get("expires_at")));
    return t.expired(Instant.now()) ? Optional.empty() : Optional.of(t);
  }

  /** Every token that has not expired (the expired ones leave the index here). */
  public List<ApiToken> tokens() {
    List<ApiToken> all = new ArrayList<>();
    for (Map.Entry<String, String> e : redis.read(c -> c.hgetAll(keys.tokens())).entrySet()) {
      Optional<ApiToken> t = tokenBySecretHash(e.getValue());
      if (t.isPresent()) {
        all.add(t.get());
      } else {
        redis.call(c -> c.hdel(keys.tokens(), e.getKey()));
      }
    }
    all.sort(java.util.Comparator.comparing(ApiToken::createdAt));
    return all;
  }

  /** @return whether the token existed; it stops working at once */
  public boolean revokeToken(String id) {
    String hash = redis.read(c -> c.hget(keys.tokens(), id));
    if (hash == null) {
      return false;
    }
    boolean existed = redis.call(c -> c.del(keys.token(hash)) > 0 | c.hdel(keys.tokens(), id) > 0);
    bump();
    return existed;
  }

  /** How often users and tokens have changed: a process that sees it move checks every credential again. */
  public long version() {
    String v = redis.read(c -> c.get(keys.accountsVersion()));
    return v == null ? 0 : Long.parseLong(v);
  }

  private void bump() {
    redis.call(c -> c.incr(keys.accountsVersion()));
  }

  /**
   * A console login that outlives the manager's in-memory session (a restart), for {@code ttl}.
   *
   * @param passwordAt when the user's password was set: a login from before a change of password is over
   */
  public void saveLogin(String secretHash, String user, Instant passwordAt, java.time.Duration ttl) {
    redis.call(c -> c.psetex(keys.login(secretHash), ttl.toMillis(), user + "\t" + ms(passwordAt)));
  }

  /** A console login: whose, and the time of the password it was made with. */
  public record Login(String user, Instant passwordAt) {}

  /** The console login, if it has not ended or expired. */
  public Optional<Login> login(String secretHash) {
    String v = redis.read(c -> c.get(keys.login(secretHash)));
    int tab = v == null ? -1 : v.indexOf('\t');
    return tab < 0 ? Optional.empty() : Optional.of(new Login(v.substring(0, tab), millis(v.substring(tab + 1))));
  }

  public void endLogin(String secretHash) {
    redis.call(c -> c.del(keys.login(secretHash)));
  }

  /** Failed password checks of {@code who} (a user or an address) so far, and when the last one was. */
  public record Failures(long count, Instant last) {
    public static final Failures NONE = new Failures(0, Instant.EPOCH);
  }

  public Failures failures(String who) {
    Map<String, String> h = redis.read(c -> c.hgetAll(keys.loginFailures(who)));
    return h.isEmpty() ? Failures.NONE : new Failures(Long.parseLong(h.get("count")), millis(h.get("last")));
  }

  /** Counts one more failure; all are forgotten {@code quiet} after the last. */
  public void fail(String who, Instant now, java.time.Duration quiet) {
    redis.call(
        c -> {
          c.hincrBy(keys.loginFailures(who), "count", 1);
          c.hset(keys.loginFailures(who), "last", ms(now));
          return c.pexpire(keys.loginFailures(who), quiet.toMillis());
        });
  }

  public void clearFailures(String who) {
    redis.call(c -> c.del(keys.loginFailures(who)));
  }

  private static String ms(Instant t) {
    return Long.toString(t.toEpochMilli());
  }

  private static Instant millis(String ms) {
    return Instant.ofEpochMilli(Long.parseLong(ms));
  }
}
