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
 * password and gives the workers' user Baton's keys and scripts only; the broker refuses a connection without a user,
 * each worker logs in as itself and takes from its own control queue only; a process that is not one of the cluster's
 * cannot join Payara's data grid with any name it can see or guess. The credentials are kept 0600 and never appear on
 * a process's command line; none but the grid's name (in Hazelcast's own log lines) in a log.
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
  void theWorkersRedisUserRunsBatonsScriptsAndNothingDangerous() throws IOException {
    String auth = cluster.secret("REDIS_WORKER_PASSWORD");
    for (List<String> forbidden :
        List.of(List.of("FLUSHALL"), List.of("FLUSHDB"), List.of("CONFIG", "GET", "*"), List.of("ACL", "LIST"), List.of("KEYS", "*"),
            List.of("SCRIPT", "FLUSH"), List.of("FUNCTION", "LIST"), List.of("FUNCTION", "FLUSH"),
            List.of("FUNCTION", "LOAD", "#!lua name=other\nredis.register_function('other', function() return 1 end)"),
            List.of("FUNCTION", "DELETE", "anything"), List.of("SHUTDOWN"), List.of("SET", "elsewhere", "1"),
            List.of("MONITOR"))) {
      List<String> a = redis(List.of("AUTH", "worker", auth), forbidden);
      assertEquals("+OK", a.get(0));
      assertTrue(a.get(1).startsWith("-NOPERM"), forbidden + " answered " + a.get(1));
    }
    List<String> ok = redis(List.of("AUTH", "worker", auth), List.of("EXISTS", "baton:user:admin"), List.of("EVAL", "return 1", "0"));
    assertEquals(List.of("+OK", ":1", ":1"), ok, "it reads Baton's keys and runs scripts");
    assertTrue(redis(List.of("AUTH", "worker", auth), List.of("EVAL", "return redis.call('FLUSHALL')", "0")).get(1).startsWith("-"),
        "a script runs only what its user may");
  }

  @Test
  void theWorkersRunBatonsFunctionLibraryWhichOnlyTheManagerLoaded() throws Exception {
    // the default user (the manager's) sees the library the manager loaded at its first call
    ProcessBuilder cli = new ProcessBuilder("redis-cli", "-p", Integer.toString(redisPort), "FUNCTION", "LIST", "LIBRARYNAME", "baton_*");
    cli.environment().put("REDISCLI_AUTH", cluster.secret("REDIS_PASSWORD")); // never on the command line
    Process list = cli.redirectErrorStream(true).start();
    String libraries = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    java.util.regex.Matcher name = java.util.regex.Pattern.compile("baton_[0-9a-f]{16}").matcher(libraries);
    assertTrue(name.find(), "Baton's library is loaded: " + libraries);
    // a worker calls a function of it (one that only reads: the overdue migrations)
    List<String> call =
        redis(List.of("AUTH", "worker", cluster.secret("REDIS_WORKER_PASSWORD")), List.of("FCALL", name.group() + "_overdue", "0", "baton:", "1000", "5"));
    assertEquals("+OK", call.get(0));
    assertTrue(call.get(1).startsWith("*"), "a worker runs Baton's functions: " + call.get(1));
  }

  @Test
  void theBrokerRefusesAConnectionWithoutAUserAndGivesEachWorkerItsOwnControlQueueOnly() {
    try (ActiveMQConnectionFactory f = new ActiveMQConnectionFactory(brokerUrl)) {
      assertThrows(JMSRuntimeException.class, () -> f.createContext().close(), "no user");
      assertThrows(JMSRuntimeException.class, () -> f.createContext("worker-99", "wrong").close(), "a wrong password");
      assertThrows(JMSRuntimeException.class, () -> f.createContext("worker-99", workerPassword("worker-1")).close(), "another worker's");
      // worker-99: a worker that does not run, so that nothing of the live ones is taken
      try (JMSContext worker = f.createContext("worker-99", workerPassword("worker-99"))) {
        worker.createConsumer(worker.createQueue("baton.control.worker-99")).close(); // its own (made at its first start)
        assertThrows(JMSRuntimeException.class, () -> worker.createConsumer(worker.createQueue("baton.control.worker-1")),
            "another worker's orders");
        assertThrows(JMSRuntimeException.class, () -> worker.createProducer().send(worker.createQueue("baton.control.worker-1"), "{}"),
            "telling another worker to fail, migrate or cancel");
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

  /** What the launcher hands worker {@code id}: the HMAC-SHA256 of its id under the workers' secret. */
  private static String workerPassword(String id) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec(cluster.secret("BROKER_WORKER_SECRET").getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return java.util.HexFormat.of().formatHex(mac.doFinal(id.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Payara's data grid lets in any member that knows its name, and a joined member can do what the DAS does (run
   * asadmin commands on an instance). Its name is 128 random bits in secrets.env (0600), handed over in the
   * environment: a stranger who tries every name it can see ({@code ps}) or guess does not get in. The same member
   * with the real name does - so this test could fail.
   */
  @Test
  void aStrangerCannotJoinTheDataGrid() throws IOException {
    String name = cluster.secret("DATA_GRID_NAME");
    assertTrue(name.matches("baton-[0-9a-f]{32}"), "128 random bits: " + name);
    Set<String> seen = new java.util.LinkedHashSet<>(List.of("development", "dev", "baton", "payara"));
    seen.add("baton-" + cksum(cluster.runDir().toString())); // how the name was made before
    try (Stream<Path> pids = Files.list(cluster.runDir().resolve("pids"))) {
      for (Path pidFile : pids.toList()) {
        Path cmdline = Path.of("/proc", Files.readString(pidFile).trim(), "cmdline");
        if (Files.exists(cmdline)) {
          List<String> args = List.of(Files.readString(cmdline).split("\0"));
          assertFalse(args.contains("--clustername") || args.contains("--clusterName"), "a grid name on the command line of " + pidFile);
          assertFalse(String.join(" ", args).contains(name), "the grid's name on the command line of " + pidFile);
        }
      }
    }
    List<String> env = Files.readAllLines(cluster.runDir().resolve("cluster.env"));
    String member = "127.0.0.1:" + value(env, "HZ_PORTS").replace("\"", "").split(" ")[0]; // the manager's
    for (String guess : seen) {
      assertEquals(1, membersSeenBy(guess, member), "a member named " + guess + " got in");
    }
    assertTrue(membersSeenBy(name, member) > 1, "with the real name it joins: the test can tell");
  }

  /** Starts a Hazelcast member named {@code clusterName} that asks {@code member} to let it join; the members it sees. */
  private static int membersSeenBy(String clusterName, String member) {
    com.hazelcast.config.Config c = new com.hazelcast.config.Config();
    c.setClusterName(clusterName);
    c.setProperty("hazelcast.logging.type", "jdk");
    c.setProperty("hazelcast.phone.home.enabled", "false");
    c.setProperty("hazelcast.socket.bind.any", "false");
    c.getNetworkConfig().setPort(dev.baton.testing.FreePorts.find()).setPortAutoIncrement(false);
    c.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    c.getJetConfig().setEnabled(false);
    // as Payara's members are (else they refuse it for its partition groups, whatever its name)
    c.getPartitionGroupConfig().setEnabled(true).setGroupType(com.hazelcast.config.PartitionGroupConfig.MemberGroupType.HOST_AWARE);
    var join = c.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).addMember(member).setConnectionTimeoutSeconds(5);
    var hz = com.hazelcast.core.Hazelcast.newHazelcastInstance(c);
    try {
      return hz.getCluster().getMembers().size();
    } finally {
      hz.getLifecycleService().terminate();
    }
  }

  /** What {@code printf %s TEXT | cksum} prints first (the old name's number). */
  private static long cksum(String text) {
    byte[] data = text.getBytes(StandardCharsets.UTF_8);
    long crc = 0;
    for (byte b : data) {
      crc = step(crc, b & 0xff);
    }
    for (long n = data.length; n != 0; n >>= 8) {
      crc = step(crc, (int) (n & 0xff));
    }
    return ~crc & 0xffffffffL;
  }

  private static long step(long crc, int octet) {
    crc ^= (long) octet << 24;
    for (int i = 0; i < 8; i++) {
      crc = (crc & 0x80000000L) != 0 ? (crc << 1) ^ 0x04C11DB7L : crc << 1;
    }
    return crc & 0xffffffffL;
  }

  @Test
  void theCredentialsAreKeptPrivateAndOffEveryCommandLineAndLog() throws IOException {
    Path secrets = cluster.runDir().resolve("secrets.env");
    assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE), Files.getPosixFilePermissions(secrets));
    assertEquals(
        Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
        Files.getPosixFilePermissions(cluster.runDir().resolve("redis-acl.conf")));
    List<String> passwords =
        List.of(
            cluster.secret("REDIS_PASSWORD"), cluster.secret("REDIS_WORKER_PASSWORD"), cluster.secret("BROKER_MANAGER_PASSWORD"),
            cluster.secret("BROKER_WORKER_SECRET"), workerPassword("worker-1"), cluster.secret("INTERNAL_TOKEN"));
    try (Stream<Path> pids = Files.list(cluster.runDir().resolve("pids"))) {
      for (Path pidFile : pids.toList()) {
        Path cmdline = Path.of("/proc", Files.readString(pidFile).trim(), "cmdline");
        if (Files.exists(cmdline)) {
          String line = Files.readString(cmdline).replace('\0', ' ');
          passwords.forEach(p -> assertFalse(line.contains(p), "a password on the command line of " + pidFile.getFileName()));
          assertFalse(line.contains(cluster.secret("DATA_GRID_NAME")), "the grid's name on the command line of " + pidFile.getFileName());
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
