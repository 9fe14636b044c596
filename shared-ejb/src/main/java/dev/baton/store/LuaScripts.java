package dev.baton.store;

import dev.baton.event.EventType;
import dev.baton.metrics.LatencyBuckets;
import dev.baton.task.TaskTransitions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The Lua scripts, each assembled from the key layout, the transition table, the shared helpers and its
 * own body. Every state change in Redis is one of these scripts: atomic, and checked against the table.
 *
 * <p>The same code comes in two forms. The {@link #library() function library} (Redis Functions): the helpers are
 * defined once, when it is loaded, and each script is a function of it - what Baton calls. And each script on its
 * own (helpers prepended), for EVAL, when the library is missing and this process's Redis user may not load it.
 * A script defines the ~100 helpers and tables before its own work on every call, which cost far more than the
 * work (ADR 0053).
 */
final class LuaScripts {

  enum Script {
    CREATE,
    CLAIM,
    REPORT,
    FINISH,
    MOVE,
    DUE,
    RETRY_SEND,
    LIST,
    INDEX,
    INDEX_FINISHED,
    SNAPSHOT,
    STATS,
    HEARTBEAT,
    LEAVE,
    FAIL_WORKER,
    MIGRATE,
    RELEASE,
    OVERDUE,
    RECONCILE,
    EXPIRED,
    TIMERS,
    CANCEL,
    REQUEUE,
    FORGET,
    RETENTION,
    LIMIT,
    SCHEDULE_SAVE,
    SCHEDULE_FIRE,
    QUEUE_SET,
    QUEUE_STATS,
    METRICS,
    INDEX_QUEUES,
    CLAIM_MANY,
    FINISH_MANY,
    FINISH_CLAIM;

    String resource() {
      return "lua/" + name().toLowerCase() + ".lua";
    }
  }

  private final Map<Script, String> sources = new EnumMap<>(Script.class);
  private final Map<Script, String> shas = new EnumMap<>(Script.class);
  private final Map<Script, String> functions = new EnumMap<>(Script.class);
  private final String library;

  LuaScripts() {
    String tables = TaskTransitions.asLuaTable() + EventType.asLuaTable() + LatencyBuckets.asLuaTable() + read("lua/lib.lua");
    String common = RedisKeys.asLuaPrelude() + tables;
    for (Script script : Script.values()) {
      String source = common + "\n-- " + script.resource() + "\n" + inOneCall(read(script.resource()));
      sources.put(script, source);
      shas.put(script, sha1(source));
    }
    // One library per version of the code: its name carries the code's hash, so managers and workers of two
    // versions (a rolling upgrade) each call their own, side by side in one Redis.
    StringBuilder body = new StringBuilder("local P, EVENTS_MAXLEN\n").append(RedisKeys.asLuaKeyFunctions()).append(tables);
    for (Script script : Script.values()) {
      body.append("\n-- ").append(script.resource()).append('\n');
      body.append("redis.register_function('\u0000").append(script.name().toLowerCase()).append("', function(KEYS, ARGV)\n");
      body.append("P, EVENTS_MAXLEN = ARGV[1], ARGV[2]\n"); // this caller's key prefix and event cap
      body.append(inOneCall(read(script.resource()))).append("\nend)\n");
    }
    String version = sha1(body.toString()).substring(0, 16);
    String name = "baton_" + version;
    for (Script script : Script.values()) {
      functions.put(script, name + "_" + script.name().toLowerCase());
    }
    library = "#!lua name=" + name + "\n" + body.toString().replace("\u0000", name + "_");
  }

  /** A script's body run by lib.lua's in_one_call, which makes the writes it gathered when it ends (ADR 0057). */
  private static String inOneCall(String body) {
    return "return in_one_call(function()\n" + body + "\nend)";
  }

  /** The function library's source, for FUNCTION LOAD. */
  String library() {
    return library;
  }

  /** The name under which the library holds this script, for FCALL. */
  String function(Script script) {
    return functions.get(script);
  }

  String source(Script script) {
    return sources.get(script);
  }

  /** Every script's own body (without the generated prelude and the helpers), by resource name. */
  static Map<String, String> bodies() {
    Map<String, String> bodies = new java.util.TreeMap<>();
    bodies.put("lua/lib.lua", read("lua/lib.lua"));
    for (Script script : Script.values()) {
      bodies.put(script.resource(), read(script.resource()));
    }
    return bodies;
  }

  String sha(Script script) {
    return shas.get(script);
  }

  private static String read(String resource) {
    try (InputStream in = LuaScripts.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing script " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha1(String source) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
