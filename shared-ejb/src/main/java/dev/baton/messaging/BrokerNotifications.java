package dev.baton.messaging;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The broker's own announcements that a worker's control consumer closed: a worker process that dies
 * drops its connection and the broker notices at once (tens of milliseconds), long before its lease
 * expires. Artemis publishes these on its management notification address (broker.xml). A clean
 * shutdown or a broker restart closes consumers too; the failure detector therefore confirms with the
 * worker's heartbeats before it acts. Not thread-safe: one per manager thread.
 */
public class BrokerNotifications implements AutoCloseable {
  static final String ADDRESS = "activemq.notifications";
  private static final String PREFIX = Destinations.control("");
  private static final String SELECTOR =
      "_AMQ_NotifType = 'CONSUMER_CLOSED' AND _AMQ_RoutingName LIKE '" + PREFIX + "%'";

  /** The control consumer of {@code workerId} closed at {@code at} (the broker's clock). */
  public record ConsumerClosed(String workerId, Instant at) {}

  private final jakarta.jms.ConnectionFactory factory;
  private JMSContext context;
  private JMSConsumer consumer;
  private volatile boolean broken;

  public BrokerNotifications(String brokerUrl) {
    this(BrokerEndpoint.of(brokerUrl));
  }

  public BrokerNotifications(BrokerEndpoint broker) {
    this.factory = BrokerUrls.producer(broker);
  }

  /** @throws BrokerUnavailableException if the broker cannot be reached */
  public Optional<ConsumerClosed> next(Duration timeout) {
    try {
      if (context == null) {
        broken = false;
        context = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
        context.setExceptionListener(e -> broken = true);
        consumer = context.createConsumer(context.createTopic(ADDRESS), SELECTOR);
      }
      Message m = consumer.receive(timeout.toMillis());
      if (broken) {
        throw new JMSRuntimeException("connection lost");
      }
      if (m == null) {
        return Optional.empty();
      }
      String queue = m.getStringProperty("_AMQ_RoutingName");
      long at = m.propertyExists("_AMQ_NotifTimestamp") ? m.getLongProperty("_AMQ_NotifTimestamp") : System.currentTimeMillis();
      return Optional.of(new ConsumerClosed(queue.substring(PREFIX.length()), Instant.ofEpochMilli(at)));
    } catch (JMSRuntimeException | JMSException e) {
      close();
      throw new BrokerUnavailableException("broker notifications lost: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    context = JmsContexts.closeQuietly(context);
  }
}
