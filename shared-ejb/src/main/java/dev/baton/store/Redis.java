package dev.baton.store;

import dev.baton.store.LuaScripts.Script;
import java.net.URI;
import java.util.List;
import java.util.function.Function;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * The connection to Redis: a pooled client, the scripts, and the translation of client failures into
 * {@link StoreUnavailableException}. The only class that creates Jedis connections.
 */
public final class Redis implements AutoCloseable {
  private final RedisClient client;
  private final RedisKeys keys;
  private final LuaScripts scripts = new LuaScripts();
  private final String eventsMaxLength;
  private final URI uri;

  public Redis(URI uri, String prefix, long eventsMaxLength, int poolSize) {
    this(uri, prefix, eventsMaxLength, poolSize, "baton");
  }

  /**
   * @param uri e.g. {@code redis://127.0.0.1:6379}
   * @param prefix prefix of every key, e.g. {@code baton:}
   * @param eventsMaxLength approximate cap of the event stream
   * @param poolSize connections kept for concurrent callers
   * @param clientName the name of this process's connections (CLIENT LIST shows it; no spaces)
   */
  public Redis(URI uri, String prefix, long eventsMaxLength, int poolSize, String clientName) {
    this(uri, null, null, prefix, eventsMaxLength, poolSize, clientName);
  }

  /**
   * @param user an ACL user, with its {@code password}; both null: Redis asks for no credentials
   * @see #Redis(URI, String, long, int, String)
   */
  public Redis(URI uri, String user, String password, String prefix, long eventsMaxLength, int poolSize, String clientName) {
    this.uri = uri;
    this.keys = new RedisKeys(prefix);
    this.eventsMaxLength = Long.toString(eventsMaxLength);
    var pool = new org.apache.commons.pool2.impl.GenericObjectPoolConfig<redis.clients.jedis.Connection>();
    pool.setMaxTotal(poolSize);
    pool.setMaxIdle(poolSize);
    pool.setMinIdle(Math.min(2, poolSize)); // a live process always holds connections (failure detection counts them)
    // After a Redis restart every pooled connection is broken: check idle ones every second so they are
    // replaced before a caller gets one.
    pool.setTestWhileIdle(true);
    pool.setTimeBetweenEvictionRuns(java.time.Duration.ofSeconds(1));
    pool.setNumTestsPerEvictionRun(-1);
    this.client =
        RedisClient.builder()
            .hostAndPort(new HostAndPort(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 6379))
            .clientConfig(
                DefaultJedisClientConfig.builder()
                    .connectionTimeoutMillis(2_000)
                    .socketTimeoutMillis(10_000)
                    .clientName(clientName)
                    .user(user == null || user.isBlank() ? null : user)
                    .password(password == null || password.isEmpty() ? null : password)
                    .build())
            .poolConfig(pool)
            .build();
  }

  public RedisKeys keys() {
    return keys;
  }

  public URI uri() {
    return uri;
  }

  long eventsMaxLength() {
    return Long.parseLong(eventsMaxLength);
  }

  /** Runs a script that only reads; retried once on a broken connection. */
  Object evalReadOnly(Script script, List<String> args) {
    try {
      return eval(script, args);
    } catch (StoreUnavailableException e) {
      return eval(script, args);
    }
  }

  /**
   * Runs a script: a function of Baton's library (FCALL), loading the library first if Redis does not have it (a new
   * version, a flushed or new Redis). A Redis user that may not load functions (the workers') runs the script's
   * source instead until someone who may has loaded it: by its SHA, or its source, which Redis then keeps.
   */
  Object eval(Script script, List<String> args) {
    List<String> argv = new java.util.ArrayList<>(args.size() + 2);
    argv.add(keys.prefix());
    argv.add(eventsMaxLength);
    argv.addAll(args);
    return call(
        c -> {
          try {
            return c.fcall(scripts.function(script), List.of(), argv);
          } catch (JedisDataException e) {
            if (!isFunctionMissing(e)) {
              throw e;
            }
          }
          if (loadLibrary(c)) {
            return c.fcall(scripts.function(script), List.of(), argv);
          }
          try {
            return c.evalsha(scripts.sha(script), List.of(), argv);
          } catch (JedisNoScriptException e) {
            return c.eval(scripts.source(script), List.of(), argv);
          }
        });
  }

  /** Loads the library; false if this user may not (NOPERM). Another process loading it at the same time is fine. */
  private boolean loadLibrary(RedisClient c) {
    try {
      c.functionLoad(scripts.library());
      return true;
    } catch (JedisAccessControlException e) {
      return false;
    } catch (JedisDataException e) {
      if (e.getMessage() != null && e.getMessage().contains("already exists")) {
        return true;
      }
      throw e;
    }
  }

  private static boolean isFunctionMissing(JedisDataException e) {
    return e.getMessage() != null && e.getMessage().contains("Function not found");
  }

  /** Runs commands that only read; retried once on a broken connection (a pooled one may be stale). */
  <T> T read(Function<RedisClient, T> commands) {
    try {
      return call(commands);
    } catch (StoreUnavailableException e) {
      return call(commands);
    }
  }

  /** Runs plain commands, translating connection failures. */
  <T> T call(Function<RedisClient, T> commands) {
    try {
      return commands.apply(client);
    } catch (JedisConnectionException e) {
      // One broken connection means Redis went away (or restarted): the idle ones are broken too. Drop
      // them now, so that the next caller gets a fresh connection instead of the next stale one.
      client.getPool().clear();
      throw new StoreUnavailableException("Redis at " + uri + " is unreachable: " + e.getMessage(), e);
    } catch (JedisException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("LOADING")) {
        throw new StoreUnavailableException("Redis at " + uri + " is loading its data", e);
      }
      throw e;
    }
  }

  /** Connections the pool holds unused now. */
  int idleConnections() {
    return client.getPool().getNumIdle();
  }

  /** The names of all connections Redis has now (CLIENT LIST). */
  java.util.List<String> clientNames() {
    Object reply = read(c -> c.sendCommand(redis.clients.jedis.Protocol.Command.CLIENT, "LIST"));
    String list = reply instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : String.valueOf(reply);
    java.util.List<String> names = new java.util.ArrayList<>();
    for (String line : list.split("\n")) {
      for (String field : line.split(" ")) {
        if (field.startsWith("name=") && field.length() > 5) {
          names.add(field.substring(5));
        }
      }
    }
    return names;
  }

  /** Round trip time of a PING in microseconds; throws if Redis is down. */
  public long ping() {
    long start = System.nanoTime();
    call(RedisClient::ping);
    return (System.nanoTime() - start) / 1_000;
  }

  @Override
  public void close() {
    client.close();
  }
}
