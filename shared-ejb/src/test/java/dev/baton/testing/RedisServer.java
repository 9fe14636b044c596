package dev.baton.testing;

import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;

/**
 * A real {@code redis-server} on a free loopback port with its own data dir, AOF on, for tests. Stopped by
 * {@link #close()} (and by a shutdown hook, so a crashed test run leaves nothing behind).
 */
public final class RedisServer implements AutoCloseable {
  private final int port;
  private final Path dir;
  private Process process;

  private RedisServer(int port, Path dir) {
    this.port = port;
    this.dir = dir;
  }

  /** Starts a server with a fresh data dir. */
  public static RedisServer start() {
    try {
      return startIn(Files.createTempDirectory("baton-redis-"), FreePorts.find());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Starts (or restarts) a server on the given dir and port, e.g. to reload its AOF. */
  public static RedisServer startIn(Path dir, int port) {
    RedisServer server = new RedisServer(port, dir);
    server.launch();
    return server;
  }

  private void launch() {
    List<String> cmd = new ArrayList<>();
    cmd.add(executable());
    cmd.addAll(
        List.of(
            "--port", Integer.toString(port),
            "--bind", "127.0.0.1",
            "--dir", dir.toString(),
            "--appendonly", System.getProperty("baton.test.redis.aof", "yes"), // "no" to size what the AOF costs (StorePathBench)
            "--save", "",
            "--daemonize", "no",
            "--logfile", dir.resolve("redis.log").toString()));
    try {
      process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start redis-server (install it: apt-get install redis-server)", e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
    Awaitility.await("redis-server on port " + port)
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited; see " + dir.resolve("redis.log"));
              }
              return answersPing();
            });
  }

  private boolean answersPing() {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      byte[] buf = new byte[7];
      int n = s.getInputStream().read(buf);
      return n > 0 && new String(buf, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
    } catch (IOException notYet) {
      return false;
    }
  }

  private static String executable() {
    for (String candidate : List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server")) {
      if (new File(candidate).canExecute()) {
        return candidate;
      }
    }
    return "redis-server";
  }

  /** A client under a fresh key prefix: tests sharing this server stay independent without flushing. */
  public dev.baton.store.Redis freshClient(int poolSize) {
    return new dev.baton.store.Redis(java.net.URI.create(url()), "t" + java.util.UUID.randomUUID() + ":", 10_000, poolSize);
  }

  public int port() {
    return port;
  }

  public Path dir() {
    return dir;
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  public long pid() {
    return process.pid();
  }

  /** SIGKILL: no shutdown save; only what the AOF already has survives. */
  public void kill() {
    process.destroyForcibly();
    waitForExit();
  }

  @Override
  public void close() {
    process.destroy();
    waitForExit();
  }

  private void waitForExit() {
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
