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
    INDEX_QUEUES;

    String resource() {
      return "lua/" + name().toLowerCase() + ".lua";
    }
  }

  private final Map<Script, String> sources = new EnumMap<>(Script.class);
  private final Map<Script, String> shas = new EnumMap<>(Script.class);

  LuaScripts() {
    String common =
        RedisKeys.asLuaPrelude()
            + TaskTransitions.asLuaTable()
            + EventType.asLuaTable()
            + LatencyBuckets.asLuaTable()
            + read("lua/lib.lua");
    for (Script script : Script.values()) {
      String source = common + "\n-- " + script.resource() + "\n" + read(script.resource());
      sources.put(script, source);
      shas.put(script, sha1(source));
    }
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
