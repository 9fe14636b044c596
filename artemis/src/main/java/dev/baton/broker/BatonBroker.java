package dev.baton.broker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;

/**
 * Runs the Artemis broker with {@code broker.xml}, without an Artemis installation: {@code java -cp
 * 'artemis/target/lib/*:artemis/target/artemis-*.jar' dev.baton.broker.BatonBroker --data DIR --port N}.
 * Tests embed it through {@link #start(Path, String, int)}.
 */
public final class BatonBroker implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(BatonBroker.class.getName());
  private final EmbeddedActiveMQ embedded;
  private final int port;

  private BatonBroker(EmbeddedActiveMQ embedded, int port) {
    this.embedded = embedded;
    this.port = port;
  }

  /**
   * Starts a broker with the packaged {@code broker.xml} (or {@code configFile} if not null).
   *
   * @param dataDir journal, bindings and paging live here; a restart on the same dir keeps every message
   */
  public static BatonBroker start(Path dataDir, String host, int port, Path configFile) throws Exception {
    Files.createDirectories(dataDir);
    System.setProperty("baton.broker.data", dataDir.toAbsolutePath().toString());
    System.setProperty("baton.broker.host", host);
    System.setProperty("baton.broker.port", Integer.toString(port));
    // A classpath name for the packaged file; a file URL for one given on the command line.
    String config = configFile != null ? configFile.toUri().toURL().toString() : "broker.xml";
    EmbeddedActiveMQ embedded = new EmbeddedActiveMQ();
    embedded.setConfigResourcePath(config);
    // broker.xml turns security on with this property; without users (the tests' brokers) it stays off
    System.setProperty("baton.broker.security", Boolean.toString(hasUsers(System.getenv())));
    // Security off: an empty JAAS manager avoids looking for login.config.
    embedded.setSecurityManager(
        hasUsers(System.getenv())
            ? users(System.getenv())
            : new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), new SecurityConfiguration()));
    embedded.start();
    return new BatonBroker(embedded, port);
  }

  /**
   * The broker's users, from the environment (never the command line, which every local user can read): {@code
   * manager} with BATON_BROKER_MANAGER_PASSWORD, each worker under its own id with a password derived from
   * BATON_BROKER_WORKER_SECRET ({@link BrokerUsers}); broker.xml gives each role its addresses. Neither set: no users,
   * security off.
   */
  static BrokerUsers users(java.util.Map<String, String> env) {
    String manager = env.get("BATON_BROKER_MANAGER_PASSWORD");
    String workers = env.get("BATON_BROKER_WORKER_SECRET");
    if (manager == null || manager.isEmpty() || workers == null || workers.isEmpty()) {
      throw new IllegalStateException("set both BATON_BROKER_MANAGER_PASSWORD and BATON_BROKER_WORKER_SECRET, or neither");
    }
    return new BrokerUsers(manager, workers);
  }

  static boolean hasUsers(java.util.Map<String, String> env) {
    String manager = env.get("BATON_BROKER_MANAGER_PASSWORD");
    String workers = env.get("BATON_BROKER_WORKER_SECRET");
    if ((manager == null || manager.isEmpty()) != (workers == null || workers.isEmpty())) {
      throw new IllegalStateException("set both BATON_BROKER_MANAGER_PASSWORD and BATON_BROKER_WORKER_SECRET, or neither");
    }
    return manager != null && !manager.isEmpty();
  }

  /**
   * {@code java -cp ... dev.baton.broker.BatonBroker worker-password ID}: the broker password of worker ID, from
   * BATON_BROKER_WORKER_SECRET in the environment (for the launcher and docker-compose's .env).
   */
  static String workerPassword(java.util.Map<String, String> env, String workerId) {
    String secret = env.get("BATON_BROKER_WORKER_SECRET");
    if (secret == null || secret.isEmpty()) {
      throw new IllegalStateException("BATON_BROKER_WORKER_SECRET is not set");
    }
    return BrokerUsers.workerPassword(secret, workerId);
  }

  public static BatonBroker start(Path dataDir, String host, int port) throws Exception {
    return start(dataDir, host, port, null);
  }

  public static BatonBroker start(Path dataDir, int port) throws Exception {
    return start(dataDir, "127.0.0.1", port, null);
  }

  public int port() {
    return port;
  }

  public String url() {
    return "tcp://127.0.0.1:" + port;
  }

  public boolean isActive() {
    return embedded.getActiveMQServer() != null && embedded.getActiveMQServer().isActive();
  }

  @Override
  public void close() throws Exception {
    embedded.stop();
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 2 && args[0].equals("worker-password")) {
      System.out.println(workerPassword(System.getenv(), args[1])); // the secret comes from the environment, never argv
      return;
    }
    Path data = Path.of("data");
    String host = "127.0.0.1";
    int port = 61616;
    Path config = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--data" -> data = Path.of(args[++i]);
        case "--host" -> host = args[++i];
        case "--port" -> port = Integer.parseInt(args[++i]);
        case "--config" -> config = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i] + " (--data --host --port --config)");
      }
    }
    if (System.getProperty("java.util.logging.config.file") == null) {
      try (var in = BatonBroker.class.getResourceAsStream("/logging.properties")) {
        java.util.logging.LogManager.getLogManager().readConfiguration(in);
      }
    }
    BatonBroker broker = start(data, host, port, config);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stopQuietly(broker), "broker-shutdown"));
    LOG.info("Baton broker ready on tcp://" + host + ":" + port + " with data in " + data.toAbsolutePath()
        + (Boolean.getBoolean("baton.broker.security") ? "; security on (the manager, and each worker under its own id)" : "; security off"));
    Thread.currentThread().join(); // serve until the process is stopped
  }

  private static void stopQuietly(BatonBroker broker) {
    try {
      broker.close();
    } catch (Exception e) {
      LOG.warning("broker stop: " + e);
    }
  }
}
