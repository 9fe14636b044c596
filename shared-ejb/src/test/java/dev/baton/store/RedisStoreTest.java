package dev.baton.store;

import dev.baton.testing.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The base of the store's tests: one real redis-server per class (on a free port), and for every test a
 * client under a fresh key prefix with the store's adapters, so tests never see each other's keys.
 */
abstract class RedisStoreTest {
  static RedisServer server;
  Redis redis;
  RedisTaskStore tasks;
  RedisWorkerRegistry workers;
  RedisEventLog events;

  @BeforeAll
  static void startRedis() {
    server = RedisServer.start();
  }

  @AfterAll
  static void stopRedis() {
    server.close();
  }

  @BeforeEach
  void connect() {
    redis = server.freshClient(8);
    tasks = new RedisTaskStore(redis);
    workers = new RedisWorkerRegistry(redis);
    events = new RedisEventLog(redis);
  }

  @AfterEach
  void disconnect() {
    redis.close();
  }
}
