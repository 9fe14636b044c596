package dev.baton.demo;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The soak run: pushes many no-op tasks through a running cluster, a round at a time, and prints after
 * each round how much memory Redis uses and how many tasks it keeps. With retention on, both level off:
 * finished tasks beyond {@code baton.retention.max-finished} are removed as new ones finish. Ends with the
 * memory at the start, in the middle and at the end.
 */
public final class Soak {
  private static final int ROUND = 10_000;

  private final dev.baton.client.BatonClient baton;
  private final int redisPort;
  private final int tasks;
  private final long maxFinished;

  private Soak(dev.baton.client.BatonClient baton, int redisPort, int tasks, long maxFinished) {
    this.baton = baton;
    this.redisPort = redisPort;
    this.tasks = tasks;
    this.maxFinished = maxFinished;
  }

  public static void main(String[] args) throws Exception {
    String url = "http://127.0.0.1:8080";
    int redisPort = 6379;
    int n = 300_000;
    long maxFinished = 10_000;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--url" -> url = args[++i];
        case "--redis-port" -> redisPort = Integer.parseInt(args[++i]);
        case "--tasks" -> n = Integer.parseInt(args[++i]);
        case "--max-finished" -> maxFinished = Long.parseLong(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i] + " (--url, --redis-port, --tasks, --max-finished)");
      }
    }
    new Soak(dev.baton.client.BatonClient.builder(url).credentialsFromEnvironment().build(), redisPort, n, maxFinished).run();
  }

  private record Row(long done, long usedMemory, long keys, long tasksKept) {
    String line() {
      return String.format(Locale.ROOT, "%,12d %12.1f %12d %12d", done, usedMemory / 1e6, keys, tasksKept);
    }
  }

  private void run() throws Exception {
    System.out.printf("soak: %,d no-op tasks in rounds of %,d; retention keeps at most %,d finished%n", tasks, ROUND, maxFinished);
    System.out.printf("%12s %12s %12s %12s%n", "tasks done", "Redis MB", "Redis keys", "tasks kept");
    List<Row> rows = new ArrayList<>();
    long completedBefore = baton.status().completedTotal();
    rows.add(row(0));
    System.out.println(rows.get(0).line());
    long t0 = System.nanoTime();
    for (int done = 0; done < tasks; ) {
      int round = Math.min(ROUND, tasks - done);
      Load.submitNoops(baton, round);
      done += round;
      awaitCompleted(completedBefore + done);
      Row r = row(done);
      rows.add(r);
      System.out.println(r.line());
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    awaitRetention();
    Row end = row(tasks);
    System.out.println(end.line() + "   (after retention's next sweep)");
    Row start = rows.get(0);
    Row middle = rows.get(rows.size() / 2);
    System.out.printf(
        Locale.ROOT,
        "{\"tasks\":%d,\"seconds\":%.0f,\"tasks_per_s\":%.0f,\"max_finished\":%d,\"redis_mb\":{\"start\":%.1f,\"middle\":%.1f,\"end\":%.1f},"
            + "\"tasks_kept\":{\"middle\":%d,\"end\":%d}}%n",
        tasks, seconds, tasks / seconds, maxFinished, start.usedMemory() / 1e6, middle.usedMemory() / 1e6, end.usedMemory() / 1e6,
        middle.tasksKept(), end.tasksKept());
  }

  private void awaitCompleted(long target) throws Exception {
    long deadline = System.currentTimeMillis() + 300_000;
    while (baton.status().completedTotal() < target) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("tasks did not complete within 5 minutes");
      }
      Thread.sleep(250); // polling a remote counter, bounded by the deadline above
    }
  }

  /** Until retention has brought the finished tasks down to its limit (it sweeps every few seconds). */
  private void awaitRetention() throws Exception {
    long deadline = System.currentTimeMillis() + 30_000;
    while (tasksKept() > maxFinished && System.currentTimeMillis() < deadline) {
      Thread.sleep(250); // polling, bounded by the deadline above
    }
  }

  private Row row(long done) throws Exception {
    String memory = redis("INFO", "memory");
    long used = memory.lines().filter(l -> l.startsWith("used_memory:")).mapToLong(l -> Long.parseLong(l.substring(12).trim())).findFirst().orElse(-1);
    return new Row(done, used, Long.parseLong(redis("DBSIZE")), tasksKept());
  }

  private long tasksKept() throws Exception {
    return baton.list(dev.baton.client.TaskFilter.all().limit(1)).total();
  }

  /** One command over Redis' own protocol (RESP); answers a bulk string or an integer as text. */
  private String redis(String... command) throws IOException {
    try (Socket s = new Socket("127.0.0.1", redisPort)) {
      OutputStream out = s.getOutputStream();
      InputStream in = new BufferedInputStream(s.getInputStream());
      String user = System.getenv("BATON_REDIS_USER");
      if (user != null && !user.isEmpty()) { // the cluster's Redis asks for its ACL user (demo.sh passes it)
        send(out, "AUTH", user, System.getenv().getOrDefault("BATON_REDIS_PASSWORD", ""));
        String ok = line(in);
        if (!ok.startsWith("+OK")) {
          throw new IOException("Redis refused the credentials: " + ok);
        }
      }
      send(out, command);
      String head = line(in);
      return switch (head.charAt(0)) {
        case ':' -> head.substring(1);
        case '$' -> new String(in.readNBytes(Integer.parseInt(head.substring(1))), StandardCharsets.UTF_8);
        default -> throw new IOException("Redis answered " + head);
      };
    }
  }

  private static void send(OutputStream out, String... command) throws IOException {
    StringBuilder req = new StringBuilder("*" + command.length + "\r\n");
    for (String c : command) {
      req.append('$').append(c.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(c).append("\r\n");
    }
    out.write(req.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("Redis closed the connection");
      }
      if (c != '\r') {
        b.append((char) c);
      }
    }
    return b.toString();
  }
}
