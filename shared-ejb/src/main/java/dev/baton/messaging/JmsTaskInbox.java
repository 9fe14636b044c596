package dev.baton.messaging;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One worker slot's consumer of task messages: no prefetch (the broker hands out a message only when the
 * slot asks), untargeted messages or those sent to this worker.
 *
 * <p>Not thread-safe: one per slot thread. The protocol is receive, claim in Redis, then acknowledge, so a
 * worker that dies before its claim leaves the message to the broker, which redelivers it. The
 * acknowledgement does not wait for the broker: if it is lost, the message comes again and its claim is
 * refused as stale (the claim moved the epoch on), so nothing runs twice because of it.
 */
public class JmsTaskInbox implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(JmsTaskInbox.class.getName());
  private final jakarta.jms.ConnectionFactory factory;
  private final String selector;
  private JMSContext context;
  private JMSConsumer consumer;
  private volatile boolean broken;

  private final String queue;

  /**
   * @param slot this slot's index in its worker (0, 1, ...): its consumer's priority. The broker gives a
   *     message to the highest-priority consumer that is waiting, so every worker's first free slot comes
   *     before anyone's second: new work goes to the least busy worker.
   */
  public JmsTaskInbox(String brokerUrl, String workerId, int slot) {
    this(BrokerEndpoint.of(brokerUrl), workerId, slot);
  }

  public JmsTaskInbox(BrokerEndpoint broker, String workerId, int slot) {
    this.factory = BrokerUrls.consumer(broker);
    this.selector = Destinations.taskSelector(workerId);
    this.queue = Destinations.TASKS + "?consumer-priority=" + (100 - slot);
  }

  /**
   * Waits up to {@code timeout} for the next message.
   *
   * @throws BrokerUnavailableException if the connection is lost; the caller backs off and calls again
   */
  public Optional<Delivery> receive(Duration timeout) {
    try {
      open();
      Message m = consumer.receive(timeout.toMillis());
      if (broken) {
        throw new JMSRuntimeException("connection lost");
      }
      if (m == null) {
        return Optional.empty();
      }
      String body = m instanceof TextMessage t ? t.getText() : null;
      int count = m.propertyExists("JMSXDeliveryCount") ? m.getIntProperty("JMSXDeliveryCount") : 1;
      try {
        return Optional.of(new Delivery(TaskMessages.fromJson(body), count));
      } catch (RuntimeException unreadable) {
        // Not a Baton task message: redelivering it would not make it readable.
        LOG.log(Level.WARNING, "dropping an unreadable message {0}: {1}", new Object[] {m.getJMSMessageID(), body});
        context.acknowledge();
        return Optional.empty();
      }
    } catch (JMSRuntimeException | JMSException e) {
      close();
      throw new BrokerUnavailableException("receiving from the broker failed: " + e.getMessage(), e);
    }
  }

  /** The claim is decided (taken or refused): the broker forgets the message. */
  public void acknowledge() {
    settle(true);
  }

  /** Gives the message back; the broker redelivers it, after its redelivery delay. */
  public void release() {
    settle(false);
  }

  private void settle(boolean acknowledge) {
    try {
      if (acknowledge) {
        context.acknowledge();
      } else {
        context.recover();
      }
    } catch (JMSRuntimeException e) {
      close();
      throw new BrokerUnavailableException("settling a message failed: " + e.getMessage(), e);
    }
  }

  private void open() {
    if (context == null) {
      broken = false;
      context = factory.createContext(JMSContext.CLIENT_ACKNOWLEDGE);
      context.setExceptionListener(
          e -> {
            broken = true;
            LOG.log(Level.WARNING, "broker connection lost: {0}", e.getMessage());
          });
      consumer = context.createConsumer(context.createQueue(queue), selector);
    }
  }

  @Override
  public void close() {
    context = JmsContexts.closeQuietly(context);
    consumer = null;
  }
}
