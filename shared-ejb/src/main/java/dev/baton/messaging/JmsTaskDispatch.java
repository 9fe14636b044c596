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

  /**
   * Sends all orders in one transaction.
   *
   * @throws BrokerUnavailableException if the broker is unreachable or the commit failed; none or all of
   *     the messages may have reached the broker, so the caller sends them again later (the duplicate ids
   *     make a retry of the same orders safe)
   */
  public void send(List<DispatchOrder> orders) {
    if (orders.isEmpty()) {
      return;
    }
    try {
      open();
      for (DispatchOrder o : orders) {
        TextMessage m = context.createTextMessage(TaskMessages.toJson(o));
        m.setStringProperty(Destinations.TYPE_PROPERTY, o.type());
        m.setStringProperty(Destinations.DUPLICATE_ID_PROPERTY, o.duplicateId());
        long ttl = 0;
        if (o.targetWorker() != null) {
          m.setStringProperty(Destinations.TARGET_PROPERTY, o.targetWorker());
          ttl = targetedTimeToLive.toMillis();
        }
        producer.setPriority(o.priority()).setTimeToLive(ttl).send(tasks, m);
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
      throw new BrokerUnavailableException("sending " + orders.size() + " task message(s) failed: " + e.getMessage(), e);
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
