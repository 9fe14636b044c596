package dev.baton.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.task.NewTask;
import dev.baton.task.TaskQuery;
import dev.baton.task.TaskStatus;
import dev.baton.testing.RedisServer;
import dev.baton.testing.Tasks;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * Baton's scripts run as Redis Functions (FCALL of one library loaded once), not as scripts that define every helper
 * again on each call: checked in Redis' own counters. A Redis user that may not load functions (the workers') runs
 * the scripts by EVAL until someone who may has loaded the library, and FCALLs from then on.
 */
class RedisFunctionsTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @Test
  void theLibraryIsLoadedAtTheFirstCallAndEveryCallIsAFunctionCall() {
    try (RedisServer server = RedisServer.start();
        Redis redis = server.freshClient(2);
        Jedis admin = new Jedis("127.0.0.1", server.port())) {
      RedisTaskStore store = new RedisTaskStore(redis);
      NewTask task = Tasks.aTask().build();
      store.create(List.of(task), TIMEOUT);
      assertEquals(TaskStatus.CREATED, store.find(task.id()).orElseThrow().status());

      assertEquals(1, admin.functionList("baton_*").size(), "one library");
      Map<String, Long> calls = calls(admin);
      assertTrue(calls.getOrDefault("fcall", 0L) >= 1, "the create is a function call: " + calls);
      assertEquals(0L, calls.getOrDefault("eval", 0L) + calls.getOrDefault("evalsha", 0L), "no script was run: " + calls);

      // FUNCTION FLUSH (or a new Redis): the next call loads the library again
      admin.functionFlush();
      assertEquals(1, store.stats(10).byStatus().get(TaskStatus.CREATED)); // a script (stats.lua)
      assertEquals(1, admin.functionList("baton_*").size(), "loaded again");
    }
  }

  @Test
  void aUserThatMayNotLoadFunctionsRunsTheScriptsUntilTheLibraryIsThere() {
    try (RedisServer server = RedisServer.start(); Jedis admin = new Jedis("127.0.0.1", server.port())) {
      String password = UUID.randomUUID().toString();
      // the workers' rights (demo.sh's REDIS_WORKER_ACL), on every key here
      admin.aclSetUser(
          "worker", "on", ">" + password, "~*", "&*", "+@all", "-@dangerous", "-@admin", "-@scripting", "+eval", "+evalsha", "+eval_ro",
          "+evalsha_ro", "+fcall", "+fcall_ro", "+client|setname");
      String prefix = "t" + UUID.randomUUID() + ":";
      URI url = URI.create(server.url());
      try (Redis worker = new Redis(url, "worker", password, prefix, 10_000, 2, "baton-worker");
          Redis manager = new Redis(url, null, null, prefix, 10_000, 2, "baton-manager")) {
        NewTask first = Tasks.aTask().build();
        new RedisTaskStore(worker).create(List.of(first), TIMEOUT);
        assertTrue(admin.functionList("baton_*").isEmpty(), "the worker's user could not load the library");
        assertTrue(calls(admin).getOrDefault("eval", 0L) + calls(admin).getOrDefault("evalsha", 0L) >= 1, "it ran the script instead");

        new RedisTaskStore(manager).stats(10); // the manager's first script call loads it
        assertEquals(1, admin.functionList("baton_*").size());
        admin.configResetStat();
        NewTask second = Tasks.aTask().build();
        new RedisTaskStore(worker).create(List.of(second), TIMEOUT);
        assertEquals(2, new RedisTaskStore(worker).stats(10).byStatus().get(TaskStatus.CREATED));
        Map<String, Long> calls = calls(admin);
        assertEquals(0L, calls.getOrDefault("eval", 0L) + calls.getOrDefault("evalsha", 0L), "from now on FCALL: " + calls);
        assertTrue(calls.getOrDefault("fcall", 0L) >= 2, calls.toString());
      }
    }
  }

  @Test
  void everyScriptCompilesInBothForms() {
    LuaScripts scripts = new LuaScripts();
    try (RedisServer server = RedisServer.start(); Jedis admin = new Jedis("127.0.0.1", server.port())) {
      admin.functionLoad(scripts.library());
      for (LuaScripts.Script script : LuaScripts.Script.values()) {
        assertEquals(scripts.sha(script), admin.scriptLoad(scripts.source(script)), script.name()); // EVAL's form
      }
    }
  }

  /**
   * The counters and lookup indexes a call writes are written once per key and field when it ends (ADR 0057): a batch
   * of 100 creations costs a few HINCRBYs and one ZADD per index, not one each per task; and what the counters say is
   * what 100 single writes would have said.
   */
  @Test
  void aBatchWritesEachCounterAndLookupIndexOnce() {
    try (RedisServer server = RedisServer.start();
        Redis redis = server.freshClient(2);
        Jedis admin = new Jedis("127.0.0.1", server.port())) {
      RedisTaskStore store = new RedisTaskStore(redis);
      store.create(List.of(Tasks.aTask().build()), TIMEOUT); // loads the library
      List<NewTask> batch = new java.util.ArrayList<>();
      for (int i = 0; i < 100; i++) {
        batch.add(Tasks.aTask().type(i % 2 == 0 ? "even" : "odd").build());
      }
      admin.configResetStat();
      store.create(batch, TIMEOUT);
      Map<String, Long> calls = calls(admin);
      assertTrue(calls.getOrDefault("hincrby", 0L) <= 5, "counters once per field: " + calls);
      // once per call: all, status, queue, each type, priority, progress, ids, the dispatch schedule, the list of queues
      assertTrue(calls.getOrDefault("zadd", 0L) <= 10, "lookup indexes once per call: " + calls);

      assertEquals(101L, store.stats(10).byStatus().get(TaskStatus.CREATED));
      assertEquals(101, store.list(new TaskQuery(java.util.Set.of(), null, null, 0, 200)).total(), "all of them listed");
      assertEquals(50, store.list(new TaskQuery(java.util.Set.of(), "odd", null, 0, 200)).total(), "by type");
      assertEquals(
          101L,
          new RedisQueues(redis).find("default", Duration.ofSeconds(10)).orElseThrow().counts().get("CREATED"),
          "counted in their queue");
    }
  }

  /** Calls per command, from INFO commandstats. */
  private static Map<String, Long> calls(Jedis admin) {
    Map<String, Long> calls = new java.util.HashMap<>();
    for (String line : admin.info("commandstats").split("\r?\n")) {
      if (line.startsWith("cmdstat_")) {
        String name = line.substring("cmdstat_".length(), line.indexOf(':'));
        String n = line.substring(line.indexOf("calls=") + 6, line.indexOf(',', line.indexOf("calls=")));
        calls.put(name, Long.parseLong(n));
      }
    }
    return calls;
  }
}
