package dev.baton.messaging;

import dev.baton.cluster.ControlCommand;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A worker's consumer of its own control queue. It is also how the cluster notices a crash at once: when
 * the process dies its connection drops, the broker closes this consumer and announces it (see {@link
 * BrokerNotifications}). Not thread-safe: one per worker, on its control thread.
 */
public class JmsControlInbox implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(JmsControlInbox.class.getName());
  private final jakarta.jms.ConnectionFactory factory;
  private final String workerId;
  private JMSContext context;
  private JMSConsumer consumer;
  private volatile boolean broken;

  public JmsControlInbox(String brokerUrl, String workerId) {
    this(BrokerEndpoint.of(brokerUrl), workerId);
  }

  public JmsControlInbox(BrokerEndpoint broker, String workerId) {
    this.factory = BrokerUrls.control(broker);
    this.workerId = workerId;
  }

  /** Connects now (so the broker knows this worker's consumer), if not connected yet. */
  public void open() {
    try {
      if (context == null) {
        broken = false;
        context = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
        context.setExceptionListener(e -> broken = true);
        consumer = context.createConsumer(context.createQueue(Destinations.control(workerId)));
      }
    } catch (JMSRuntimeException e) {
      close();
      throw new BrokerUnavailableException("cannot open the control queue of " + workerId + ": " + e.getMessage(), e);
    }
  }

  /** @throws BrokerUnavailableException if the connection is lost */
  public Optional<ControlCommand> receive(Duration timeout) {
    open();
    try {
      String body = consumer.receiveBody(String.class, timeout.toMillis());
      if (broken) {
        throw new JMSRuntimeException("connection lost");
      }
      if (body == null) {
        return Optional.empty();
      }
      try {
        return Optional.of(ControlMessages.fromJson(body));
      } catch (RuntimeException unreadable) {
        LOG.log(Level.WARNING, "dropping an unreadable control message: {0}", body);
        return Optional.empty();
      }
    } catch (JMSRuntimeException e) {
      close();
      throw new BrokerUnavailableException("control queue of " + workerId + " lost: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    context = JmsContexts.closeQuietly(context);
    consumer = null;
  }
}
