package dev.baton.messaging;

import dev.baton.task.DispatchOrder;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.activemq.artemis.api.core.ActiveMQDuplicateIdException;

/**
 * Sends task messages: persistent, with the task's priority and a duplicate-detection id, many per
 * transaction so the broker syncs its journal once per batch instead of once per task.
 *
 * <p>Not thread-safe (a JMSContext is not): one instance per sending thread.
 */
public class JmsTaskDispatch implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(JmsTaskDispatch.class.getName());
  /** How long a message for one worker waits before the broker drops it (the manager re-dispatches after that). */
  public static final Duration TARGETED_TIME_TO_LIVE = Duration.ofMinutes(5);

  private final ConnectionFactory factory;
  private final Duration targetedTimeToLive;
  private JMSContext context;
  private JMSProducer producer;
  private Queue tasks;

  /**
   * @param targetedTimeToLive how long a message for one worker waits before the broker drops it; the
   *     manager re-dispatches the task through Redis if that worker never claims it
   */
  public JmsTaskDispatch(String brokerUrl, Duration targetedTimeToLive) {
    this(BrokerEndpoint.of(brokerUrl), targetedTimeToLive);
  }

  public JmsTaskDispatch(BrokerEndpoint broker, Duration targetedTimeToLive) {
    this.factory = BrokerUrls.producer(broker);
    this.targetedTimeToLive = targetedTimeToLive;
  }

  /** Sends all orders in one transaction, one message each. */
  public void send(List<DispatchOrder> orders) {
    sendGrouped(orders.stream().map(List::of).toList());
  }

  /**
   * Sends all messages in one transaction; each message carries one or more orders of the same type, queue,
   * priority and target (the first order's are the message's).
   *
   * @throws BrokerUnavailableException if the broker is unreachable or the commit failed; none or all of
   *     the messages may have reached the broker, so the caller sends them again later (the duplicate ids
   *     make a retry of the same orders safe)
   */
  public void sendGrouped(List<List<DispatchOrder>> messages) {
    if (messages.isEmpty()) {
      return;
    }
    try {
      open();
      for (List<DispatchOrder> orders : messages) {
        sendOne(context, producer, tasks, orders, targetedTimeToLive, true);
      }
      context.commit();
    } catch (JMSRuntimeException | JMSException e) {
      if (isDuplicateRejection(e)) {
        // A batch is only ever resent as a whole, and a transaction commits all or nothing: the broker
        // already has every message of it from an earlier commit whose answer got lost.
        LOG.log(Level.FINE, "batch was already sent: {0}", e.getMessage());
        return;
      }
      close();
      throw new BrokerUnavailableException("sending " + messages.size() + " task message(s) failed: " + e.getMessage(), e);
    }
  }

  /**
   * One message of one or more orders; the first order's type, priority and target are the message's. With a
   * duplicate-detection id, the broker drops a resend of it.
   */
  static void sendOne(
      JMSContext context, JMSProducer producer, Queue tasks, List<DispatchOrder> orders, Duration targetedTimeToLive, boolean withDuplicateId)
      throws JMSException {
    DispatchOrder o = orders.get(0);
    TextMessage m = context.createTextMessage(TaskMessages.toJson(orders));
    m.setStringProperty(Destinations.TYPE_PROPERTY, o.type());
    if (withDuplicateId) {
      m.setStringProperty(Destinations.DUPLICATE_ID_PROPERTY, duplicateId(orders));
    }
    long ttl = 0;
    if (o.targetWorker() != null) {
      m.setStringProperty(Destinations.TARGET_PROPERTY, o.targetWorker());
      ttl = targetedTimeToLive.toMillis();
    }
    producer.setPriority(o.priority()).setTimeToLive(ttl).send(tasks, m);
  }

  /**
   * One order's own id; for several, a digest of theirs (each send of each task has its own id, so a message's
   * set of them is unique, and a resend of the same message is recognised).
   */
  static String duplicateId(List<DispatchOrder> orders) {
    if (orders.size() == 1) {
      return orders.get(0).duplicateId();
    }
    try {
      var digest = java.security.MessageDigest.getInstance("SHA-256");
      for (DispatchOrder o : orders) {
        digest.update(o.duplicateId().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        digest.update((byte) ',');
      }
      return "m:" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(digest.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static boolean isDuplicateRejection(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ActiveMQDuplicateIdException) {
        return true;
      }
    }
    return false;
  }

  /** Connects now instead of at the first send; throws {@link BrokerUnavailableException} if it cannot. */
  public void connect() {
    try {
      open();
    } catch (JMSRuntimeException e) {
      close();
      throw new BrokerUnavailableException("cannot reach the broker: " + e.getMessage(), e);
    }
  }

  public boolean isConnected() {
    return context != null;
  }

  private void open() {
    if (context == null) {
      context = factory.createContext(JMSContext.SESSION_TRANSACTED);
      context.setExceptionListener(e -> LOG.log(Level.WARNING, "broker connection lost: {0}", e.getMessage()));
      producer = context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
      tasks = context.createQueue(Destinations.TASKS);
    }
  }

  @Override
  public void close() {
    context = JmsContexts.closeQuietly(context);
    producer = null;
  }
}
