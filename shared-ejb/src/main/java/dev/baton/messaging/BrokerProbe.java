package dev.baton.messaging;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TemporaryQueue;
import java.time.Duration;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;

/**
 * Asks the broker, over its management address, how many task messages wait in {@link
 * Destinations#TASKS}: proof that it is up and a measure of the backlog. It keeps one connection for its
 * questions: opening one per question (a session, a temporary queue, a consumer) cost a busy broker about
 * 0.2 s of CPU each (measured under a 20,000-task benchmark with a console open, asking once a second).
 */
public class BrokerProbe implements AutoCloseable {
  private final ConnectionFactory factory;
  private final Object lock = new Object();
  private JMSContext ctx;
  private JMSConsumer answers;
  private JMSProducer producer;
  private TemporaryQueue reply;
  private Queue management;

  public BrokerProbe(String brokerUrl) {
    this(BrokerEndpoint.of(brokerUrl));
  }

  public BrokerProbe(BrokerEndpoint broker) {
    this.factory = broker.factory("reconnectAttempts=0&callTimeout=2000&connectTimeoutMillis=2000");
  }

  public BrokerHealth check(Duration timeout) {
    long start = System.nanoTime();
    synchronized (lock) {
      try {
        open();
        Message request = ctx.createMessage();
        JMSManagementHelper.putAttribute(request, ResourceNames.QUEUE + Destinations.TASKS, "messageCount");
        request.setJMSReplyTo(reply);
        producer.send(management, request);
        Message answer = answers.receive(timeout.toMillis());
        double ms = (System.nanoTime() - start) / 1e6;
        if (answer == null) {
          closeQuietly(); // an answer may still come on this queue: start afresh next time
          return new BrokerHealth(true, ms, -1, "no answer from the management address");
        }
        long depth =
            JMSManagementHelper.hasOperationSucceeded(answer) && JMSManagementHelper.getResult(answer) instanceof Number n
                ? n.longValue()
                : -1;
        return new BrokerHealth(true, ms, depth, null);
      } catch (Exception e) {
        closeQuietly();
        return new BrokerHealth(false, (System.nanoTime() - start) / 1e6, -1, e.getMessage());
      }
    }
  }

  private void open() {
    if (ctx == null) {
      ctx = factory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
      reply = ctx.createTemporaryQueue();
      answers = ctx.createConsumer(reply);
      producer = ctx.createProducer();
      management = ctx.createQueue("activemq.management");
    }
  }

  private void closeQuietly() {
    if (ctx != null) {
      try {
        ctx.close();
      } catch (RuntimeException e) {
        // it is gone either way
      }
      ctx = null;
    }
  }

  @Override
  public void close() {
    synchronized (lock) {
      closeQuietly();
    }
  }
}
