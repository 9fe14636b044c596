package dev.baton.broker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;

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
    // Security is off in broker.xml (loopback); an empty JAAS manager avoids looking for login.config.
    embedded.setSecurityManager(new ActiveMQJAASSecurityManager(null, new SecurityConfiguration()));
    embedded.start();
    return new BatonBroker(embedded, port);
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
    LOG.info("Baton broker ready on tcp://" + host + ":" + port + " with data in " + data.toAbsolutePath());
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
