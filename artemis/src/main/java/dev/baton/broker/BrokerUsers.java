package dev.baton.broker;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.security.auth.Subject;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;
import org.apache.activemq.artemis.spi.core.security.jaas.NoCacheLoginException;
import org.apache.activemq.artemis.spi.core.security.jaas.RolePrincipal;
import org.apache.activemq.artemis.spi.core.security.jaas.UserPrincipal;

/**
 * Who may use the broker, and for what: the user {@code manager} (its password from the environment) may do
 * everything; each worker logs in under its own id - {@code worker-1}, ... - with a password only it is given: the
 * HMAC-SHA256 of its id under the workers' secret, which only the broker and the launcher know. So a worker added
 * later needs no new user, and one worker cannot log in as another.
 *
 * <p>What the role {@code worker} may do is broker.xml's (Baton's addresses only). On top of that a worker may take
 * from one control queue alone - its own - and send to none: a worker (or whoever stole its password) cannot tell
 * another worker to fail, migrate or cancel, nor read its orders.
 */
final class BrokerUsers extends ActiveMQJAASSecurityManager {
  static final String MANAGER = "manager";
  static final String WORKER_ROLE = "worker";
  private static final String CONTROL = "baton.control.";
  /** A worker id as Baton allows it. */
  private static final java.util.regex.Pattern WORKER_ID = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private final byte[] workerSecret;

  BrokerUsers(String managerPassword, String workerSecret) {
    super(InVMLoginModule.class.getName(), manager(managerPassword));
    this.workerSecret = workerSecret.getBytes(StandardCharsets.UTF_8);
  }

  private static SecurityConfiguration manager(String password) {
    SecurityConfiguration c = new SecurityConfiguration();
    c.addUser(MANAGER, password);
    c.addRole(MANAGER, MANAGER);
    return c;
  }

  /** A worker's broker password: what the launcher hands each worker (hex HMAC-SHA256 of its id). */
  static String workerPassword(String workerSecret, String workerId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(workerSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(workerId.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public Subject authenticate(String user, String password, RemotingConnection connection, String domain) throws NoCacheLoginException {
    if (user == null || MANAGER.equals(user) || !WORKER_ID.matcher(user).matches()) {
      return super.authenticate(user, password, connection, domain);
    }
    String expected = workerPassword(new String(workerSecret, StandardCharsets.UTF_8), user);
    if (password == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8))) {
      return null;
    }
    Subject s = new Subject();
    s.getPrincipals().add(new UserPrincipal(user));
    s.getPrincipals().add(new RolePrincipal(WORKER_ROLE));
    return s;
  }

  @Override
  public boolean authorize(Subject subject, Set<Role> roles, CheckType check, String address) {
    if (!super.authorize(subject, roles, check, address)) {
      return false;
    }
    String user = getUserFromSubject(subject);
    return MANAGER.equals(user) || mayUseAsWorker(user, check, address);
  }

  /** A worker and a control queue: only its own, and only to take from it (creating it on its first start). */
  static boolean mayUseAsWorker(String worker, CheckType check, String address) {
    String a = address == null ? "" : address;
    int fq = a.indexOf("::"); // a fully qualified queue name: address::queue
    String addr = fq >= 0 ? a.substring(0, fq) : a;
    String queue = fq >= 0 ? a.substring(fq + 2) : addr;
    if (!addr.startsWith(CONTROL) && !queue.startsWith(CONTROL)) {
      return true;
    }
    boolean own = addr.equals(CONTROL + worker) && queue.equals(CONTROL + worker);
    return own && (check == CheckType.CONSUME || check == CheckType.CREATE_ADDRESS || check == CheckType.CREATE_DURABLE_QUEUE);
  }
}
