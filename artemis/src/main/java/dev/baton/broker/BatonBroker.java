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
    SecurityConfiguration users = users(System.getenv());
    // broker.xml turns security on with this property; without users (the tests' brokers) it stays off
    System.setProperty("baton.broker.security", Boolean.toString(hasUsers(System.getenv())));
    // Security is off in broker.xml (loopback); an empty JAAS manager avoids looking for login.config.
    embedded.setSecurityManager(new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), users));
    embedded.start();
    return new BatonBroker(embedded, port);
  }

  /**
   * The broker's users, from the environment (never the command line, which every local user can read):
   * {@code manager} with BATON_BROKER_MANAGER_PASSWORD and {@code worker} with BATON_BROKER_WORKER_PASSWORD, each in
   * the role of its name; broker.xml gives each role its addresses. Neither set: no users, security off.
   */
  static SecurityConfiguration users(java.util.Map<String, String> env) {
    SecurityConfiguration users = new SecurityConfiguration();
    String manager = env.get("BATON_BROKER_MANAGER_PASSWORD");
    String worker = env.get("BATON_BROKER_WORKER_PASSWORD");
    if ((manager == null || manager.isEmpty()) != (worker == null || worker.isEmpty())) {
      throw new IllegalStateException("set both BATON_BROKER_MANAGER_PASSWORD and BATON_BROKER_WORKER_PASSWORD, or neither");
    }
    if (hasUsers(env)) {
      users.addUser("manager", manager);
      users.addRole("manager", "manager");
      users.addUser("worker", worker);
      users.addRole("worker", "worker");
    }
    return users;
  }

  static boolean hasUsers(java.util.Map<String, String> env) {
    String manager = env.get("BATON_BROKER_MANAGER_PASSWORD");
    return manager != null && !manager.isEmpty();
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
        + (Boolean.getBoolean("baton.broker.security") ? "; security on (users manager and worker)" : "; security off"));
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
