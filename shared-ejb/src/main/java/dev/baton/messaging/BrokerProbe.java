package dev.baton.messaging;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.TemporaryQueue;
import java.time.Duration;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;

/**
 * Asks the broker, over its management address, how many task messages wait in {@link
 * Destinations#TASKS}: proof that it is up and a measure of the backlog.
 */
public class BrokerProbe {
  private final ConnectionFactory factory;

  public BrokerProbe(String brokerUrl) {
    this.factory =
        new org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory(
            BrokerUrls.withParameters(brokerUrl, "reconnectAttempts=0&callTimeout=2000&connectTimeoutMillis=2000"));
  }

  public BrokerHealth check(Duration timeout) {
    long start = System.nanoTime();
    try (JMSContext ctx = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
      TemporaryQueue reply = ctx.createTemporaryQueue();
      JMSConsumer answers = ctx.createConsumer(reply);
      Message request = ctx.createMessage();
      JMSManagementHelper.putAttribute(request, ResourceNames.QUEUE + Destinations.TASKS, "messageCount");
      request.setJMSReplyTo(reply);
      ctx.createProducer().send(ctx.createQueue("activemq.management"), request);
      Message answer = answers.receive(timeout.toMillis());
      double ms = (System.nanoTime() - start) / 1e6;
      if (answer == null) {
        return new BrokerHealth(true, ms, -1, "no answer from the management address");
      }
      long depth =
          JMSManagementHelper.hasOperationSucceeded(answer) && JMSManagementHelper.getResult(answer) instanceof Number n
              ? n.longValue()
              : -1;
      return new BrokerHealth(true, ms, depth, null);
    } catch (Exception e) {
      return new BrokerHealth(false, (System.nanoTime() - start) / 1e6, -1, e.getMessage());
    }
  }
}
