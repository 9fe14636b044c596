package dev.baton.messaging;

import dev.baton.cluster.ControlCommand;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import java.time.Duration;

/**
 * Sends control commands to workers' own queues. Not persistent and short-lived: a command for a worker
 * that is gone expires; every command has a fallback through Redis (a migrating task is seen by its owner
 * at its next write, and forced after a deadline). Thread-safe.
 */
public class JmsControl implements AutoCloseable {
  private static final Duration TIME_TO_LIVE = Duration.ofSeconds(30);
  private final jakarta.jms.ConnectionFactory factory;
  private JMSContext context;

  public JmsControl(String brokerUrl) {
    this(BrokerEndpoint.of(brokerUrl));
  }

  public JmsControl(BrokerEndpoint broker) {
    this.factory = BrokerUrls.producer(broker);
  }

  /** @throws BrokerUnavailableException if the broker cannot be reached */
  public synchronized void send(String workerId, ControlCommand command) {
    try {
      if (context == null) {
        context = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
      }
      context
          .createProducer()
          .setDeliveryMode(DeliveryMode.NON_PERSISTENT)
          .setTimeToLive(TIME_TO_LIVE.toMillis())
          .send(context.createQueue(Destinations.control(workerId)), ControlMessages.toJson(command));
    } catch (JMSRuntimeException e) {
      close();
      throw new BrokerUnavailableException("sending " + command.kind() + " to " + workerId + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    context = JmsContexts.closeQuietly(context);
  }
}
