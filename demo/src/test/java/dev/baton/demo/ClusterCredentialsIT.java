package dev.baton.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Inside the cluster nobody gets in without the credentials demo.sh made: Redis refuses a client without its
 * password, the broker refuses a connection without a user, and a worker's user reaches Baton's
 * addresses only. The credentials are kept 0600 and never appear on a process's command line or in a log.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
@ExtendWith(SharedCluster.class)
class ClusterCredentialsIT {
  private static Cluster cluster;
  private static int redisPort;
  private static String brokerUrl;

  @BeforeAll
  static void connect(Cluster shared) throws IOException {
    cluster = shared;
    List<String> env = Files.readAllLines(shared.runDir().resolve("cluster.env"));
    redisPort = Integer.parseInt(value(env, "REDIS_PORT"));
    brokerUrl = "tcp://127.0.0.1:" + value(env, "BROKER_PORT") + "?reconnectAttempts=0&callTimeout=5000";
  }

  private static String value(List<String> lines, String key) {
    return lines.stream().filter(l -> l.startsWith(key + "=")).findFirst().orElseThrow().substring(key.length() + 1);
  }

  /** Commands over Redis' own protocol on one connection; the first line of each answer. */
  private static List<String> redis(List<String>... commands) throws IOException {
    try (Socket s = new Socket("127.0.0.1", redisPort)) {
      OutputStream out = s.getOutputStream();
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      List<String> answers = new java.util.ArrayList<>();
      for (List<String> c : commands) {
        StringBuilder req = new StringBuilder("*" + c.size() + "\r\n");
        c.forEach(a -> req.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n"));
        out.write(req.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        answers.add(in.readLine());
      }
      return answers;
    }
  }

  @Test
  void redisRefusesAClientWithoutTheCredentials() throws IOException {
    assertTrue(redis(List.of("PING")).get(0).startsWith("-NOAUTH"), "no credentials");
    assertTrue(redis(List.of("GET", "baton:anything")).get(0).startsWith("-NOAUTH"));
    assertTrue(redis(List.of("AUTH", "wrong")).get(0).startsWith("-WRONGPASS"), "a wrong password");
    assertTrue(redis(List.of("AUTH", "default", "")).get(0).startsWith("-WRONGPASS"), "an empty one");
    assertTrue(redis(List.of("AUTH", "baton", cluster.secret("REDIS_PASSWORD"))).get(0).startsWith("-WRONGPASS"), "no other user");
    List<String> ok = redis(List.of("AUTH", cluster.secret("REDIS_PASSWORD")), List.of("PING"));
    assertEquals(List.of("+OK", "+PONG"), ok);
  }

  @Test
  void theBrokerRefusesAConnectionWithoutAUserAndGivesWorkersOnlyBatonsAddresses() {
    try (ActiveMQConnectionFactory f = new ActiveMQConnectionFactory(brokerUrl)) {
      assertThrows(JMSRuntimeException.class, () -> f.createContext().close(), "no user");
      assertThrows(JMSRuntimeException.class, () -> f.createContext("worker", "wrong").close(), "a wrong password");
      try (JMSContext worker = f.createContext("worker", cluster.secret("BROKER_WORKER_PASSWORD"))) {
        // (that workers reach Baton's addresses with it, every other test shows: the cluster runs on it)
        assertThrows(JMSRuntimeException.class, () -> worker.createProducer().send(worker.createQueue("activemq.management"), "x"),
            "management is the manager's");
        assertThrows(JMSRuntimeException.class, () -> worker.createConsumer(worker.createTopic("activemq.notifications")),
            "the broker's notifications are the manager's");
      }
      try (JMSContext manager = f.createContext("manager", cluster.secret("BROKER_MANAGER_PASSWORD"))) {
        manager.createConsumer(manager.createTopic("activemq.notifications")).close();
      }
    }
  }

  @Test
  void theCredentialsAreKeptPrivateAndOffEveryCommandLineAndLog() throws IOException {
    Path secrets = cluster.runDir().resolve("secrets.env");
    assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE), Files.getPosixFilePermissions(secrets));
    assertEquals(
        Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
        Files.getPosixFilePermissions(cluster.runDir().resolve("redis-acl.conf")));
    List<String> passwords = List.of(cluster.secret("REDIS_PASSWORD"), cluster.secret("BROKER_MANAGER_PASSWORD"), cluster.secret("BROKER_WORKER_PASSWORD"));
    try (Stream<Path> pids = Files.list(cluster.runDir().resolve("pids"))) {
      for (Path pidFile : pids.toList()) {
        Path cmdline = Path.of("/proc", Files.readString(pidFile).trim(), "cmdline");
        if (Files.exists(cmdline)) {
          String line = Files.readString(cmdline).replace('\0', ' ');
          passwords.forEach(p -> assertFalse(line.contains(p), "a password on the command line of " + pidFile.getFileName()));
        }
      }
    }
    try (Stream<Path> logs = Files.list(cluster.runDir().resolve("logs"))) {
      for (Path log : logs.toList()) {
        String text = Files.readString(log, StandardCharsets.ISO_8859_1);
        passwords.forEach(p -> assertFalse(text.contains(p), "a password in " + log.getFileName()));
      }
    }
  }
}
