package dev.baton.messaging;

import dev.baton.task.DispatchOrder;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.Queue;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A worker's consumer of task messages: no prefetch (the broker hands out a message only when the worker asks,
 * which it does only while it has a free slot), untargeted messages or those sent to this worker. A message
 * carries one task, or several when the backlog is deep (ADR 0055).
 *
 * <p>Not thread-safe: one per fetching thread. The protocol is receive, claim in Redis, hand back what found no
 * free slot, then acknowledge, so a
 * worker that dies before its claim leaves the message to the broker, which redelivers it. The
 * acknowledgement does not wait for the broker: if it is lost, the message comes again and its claim is
 * refused as stale (the claim moved the epoch on), so nothing runs twice because of it.
 */
public class JmsTaskInbox implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(JmsTaskInbox.class.getName());
  private final jakarta.jms.ConnectionFactory factory;
  private final String selector;
  private JMSContext context;
  /** One consumer per rank (how busy the worker is when it asks), created at its first use. */
  private final java.util.Map<Integer, JMSConsumer> consumers = new java.util.HashMap<>();
  private JMSProducer producer; // for handing back, made at the first
  private Queue tasks;
  private volatile boolean broken;

  private final int slot;

  /**
   * @param slot 0 for a worker's inbox; more for a consumer the broker should serve only after those (its
   *     priority is 100 - slot - the rank it asks with: the broker gives a message to the highest-priority
   *     consumer that is waiting)
   */
  public JmsTaskInbox(String brokerUrl, String workerId, int slot) {
    this(BrokerEndpoint.of(brokerUrl), workerId, slot);
  }

  public JmsTaskInbox(BrokerEndpoint broker, String workerId, int slot) {
    this.factory = BrokerUrls.consumer(broker);
    this.selector = Destinations.taskSelector(workerId);
    this.slot = slot;
  }

  /**
   * Waits up to {@code timeout} for the next message.
   *
   * @throws BrokerUnavailableException if the connection is lost; the caller backs off and calls again
   */
  public Optional<Delivery> receive(Duration timeout) {
    return receive(timeout, 0);
  }

  /**
   * Waits up to {@code timeout} for the next message, asking with {@code rank} (the worker's busy slots): the
   * broker serves a waiting worker of lower rank first, so new work goes to the least busy worker (ADR 0022,
   * 0055). With no prefetch, only the consumer that asks can get a message.
   *
   * @throws BrokerUnavailableException if the connection is lost; the caller backs off and calls again
   */
  public Optional<Delivery> receive(Duration timeout, int rank) {
    try {
      open();
      Message m = consumer(rank).receive(timeout.toMillis());
      if (broken) {
        throw new JMSRuntimeException("connection lost");
      }
      if (m == null) {
        return Optional.empty();
      }
      String body = m instanceof TextMessage t ? t.getText() : null;
      int count = m.propertyExists("JMSXDeliveryCount") ? m.getIntProperty("JMSXDeliveryCount") : 1;
      try {
        return Optional.of(new Delivery(TaskMessages.listFromJson(body), count));
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

  /**
   * Puts orders of the received message that this worker has no free slot for back on the broker, as a message of
   * their own, before the received one is acknowledged. Should this worker die between the two, both messages are
   * there: every task in them is claimed once, the second claim of a task finds it stale (ADR 0055).
   *
   * @throws BrokerUnavailableException if the send failed; the caller releases the received message instead
   */
  public void handBack(List<DispatchOrder> orders) {
    if (orders.isEmpty()) {
      return;
    }
    try {
      if (producer == null) {
        producer = context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
        tasks = context.createQueue(Destinations.TASKS);
      }
      // no duplicate-detection id: a second copy of a hand-back is harmless (the second claim of a task finds it
      // stale), while dropping one could leave its tasks to the resend after the dispatch timeout
      JmsTaskDispatch.sendOne(context, producer, tasks, orders, JmsTaskDispatch.TARGETED_TIME_TO_LIVE, false);
    } catch (JMSRuntimeException | JMSException e) {
      close();
      throw new BrokerUnavailableException("handing back " + orders.size() + " task(s) failed: " + e.getMessage(), e);
    }
  }

  /** The claims are decided (taken or refused): the broker forgets the message. */
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
    }
  }

  private JMSConsumer consumer(int rank) {
    int priority = Math.max(0, 100 - slot - rank);
    return consumers.computeIfAbsent(
        priority, p -> context.createConsumer(context.createQueue(Destinations.TASKS + "?consumer-priority=" + p), selector));
  }

  @Override
  public void close() {
    context = JmsContexts.closeQuietly(context);
    consumers.clear();
    producer = null;
  }
}
