package dev.baton.testing;

import dev.baton.broker.BatonBroker;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For Arquillian tests on Payara Micro: starts a real redis-server and a real Artemis broker (broker.xml)
 * on free loopback ports, once per test JVM, and hands their URLs to the Payara Micro process Arquillian
 * starts next. Payara is kept on loopback: HTTP through a pre-boot command, Hazelcast in tcpip mode on a
 * free port with a cluster name of its own, so it never meets another cluster.
 *
 * <p>Register it before Arquillian: {@code @ExtendWith({PayaraInfrastructure.class,
 * ArquillianExtension.class})}. Extra JVM options for the deployment go in {@link Options}.
 */
public class PayaraInfrastructure implements BeforeAllCallback {

  /** Extra {@code -D} options for the Payara Micro JVM of this test class. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.TYPE)
  public @interface Options {
    String value();
  }

  /** The password of the user admin on the Payara Micro under test (baton.admin.password; a test's own). */
  public static final String ADMIN_PASSWORD = "it-admin-" + java.util.UUID.randomUUID();
  /** The cluster's internal token on the Payara Micro under test (workers' calls to the manager's echo). */
  public static final String INTERNAL_TOKEN = "it-internal-" + java.util.UUID.randomUUID();

  /** {@code Authorization: Basic} of the user admin. */
  public static String adminAuthorization() {
    return "Basic " + java.util.Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static RedisServer redis;
  private static BatonBroker broker;
  private static Path brokerData;
  private static int brokerPort;
  private static Path workDir;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    startOnce();
    String extra = context.getRequiredTestClass().isAnnotationPresent(Options.class)
        ? " " + context.getRequiredTestClass().getAnnotation(Options.class).value()
        : "";
    int hazelcast = FreePorts.find();
    Path preboot = workDir.resolve("preboot.asadmin");
    Files.writeString(
        preboot,
        "set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address=127.0.0.1\n");
    System.setProperty(
        "payara.cmdOptions",
        "-Xmx512m -Dhazelcast.socket.bind.any=false -Djava.io.tmpdir=" + Files.createDirectories(workDir.resolve("tmp"))
            + " -Dbaton.redis.url=" + redis.url()
            + " -Dbaton.broker.url=" + broker.url()
            + " -Dbaton.admin.password=" + ADMIN_PASSWORD
            + " -Dbaton.internal.token=" + INTERNAL_TOKEN
            + extra);
    System.setProperty(
        "payara.extraMicroOptions",
        "--clustermode tcpip:127.0.0.1:" + hazelcast
            + " --startport " + hazelcast
            + " --interfaces 127.0.0.1"
            + " --clustername baton-it-" + hazelcast
            + " --prebootcommandfile " + preboot
            + " --logtofile " + workDir.resolve(context.getRequiredTestClass().getSimpleName() + "-payara.log")
            + " --disablephonehome");
    System.setProperty("payara.clusterEnabled", "true");
    System.setProperty("payara.consoleOutput", "false");
  }

  private static synchronized void startOnce() throws Exception {
    if (redis != null) {
      return;
    }
    workDir = Files.createDirectories(Path.of("target", "it-run")).toAbsolutePath();
    redis = RedisServer.start();
    brokerData = Files.createTempDirectory(workDir, "broker-");
    brokerPort = FreePorts.find();
    broker = BatonBroker.start(brokerData, brokerPort);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  redis.close();
                  stopBroker();
                }));
  }

  public static RedisServer redis() {
    return redis;
  }

  /** Starts redis-server again on the same data dir and port (after {@link RedisServer#kill()}). */
  public static synchronized void restartRedis() {
    redis = RedisServer.startIn(redis.dir(), redis.port());
  }

  public static String brokerUrl() {
    return "tcp://127.0.0.1:" + brokerPort;
  }

  /** Stops the broker (a clean stop; its journal stays). */
  public static synchronized void stopBroker() {
    try {
      if (broker != null) {
        broker.close();
        broker = null;
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Starts the broker again on the same journal and port. */
  public static synchronized void startBroker() throws Exception {
    if (broker == null) {
      broker = BatonBroker.start(brokerData, brokerPort);
    }
  }

  /**
   * Arquillian reads the base URL from Payara's banner, which names the machine's LAN address; the HTTP
   * listener is on loopback, so rebuild it as 127.0.0.1.
   */
  public static URI loopback(URL base) {
    return URI.create("http://127.0.0.1:" + base.getPort() + base.getPath());
  }
}
