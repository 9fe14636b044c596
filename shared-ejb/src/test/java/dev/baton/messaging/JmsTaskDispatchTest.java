package dev.baton.messaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.broker.BatonBroker;
import dev.baton.task.DispatchOrder;
import dev.baton.testing.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sending and receiving task messages through a real Artemis broker started from broker.xml. */
class JmsTaskDispatchTest {
  private static final Duration WAIT = Duration.ofSeconds(2);
  private Path data;
  private int port;
  private BatonBroker broker;
  private JmsTaskDispatch cut;
  private final List<JmsTaskInbox> inboxes = new ArrayList<>();

  @BeforeEach
  void startBroker() throws Exception {
    data = Files.createTempDirectory("baton-broker-");
    port = FreePorts.find();
    broker = BatonBroker.start(data, port);
    cut = new JmsTaskDispatch(broker.url(), Duration.ofMinutes(1));
  }

  @AfterEach
  void stopBroker() throws Exception {
    inboxes.forEach(JmsTaskInbox::close);
    cut.close();
    broker.close();
  }

  private JmsTaskInbox inbox(String workerId) {
    JmsTaskInbox inbox = new JmsTaskInbox(broker.url(), workerId, 0);
    inboxes.add(inbox);
    return inbox;
  }

  private static DispatchOrder order(String id, int priority) {
    return new DispatchOrder(id, 0, "noop", priority, null, 0);
  }

  @Test
  void deliversHigherPrioritiesFirst() {
    cut.send(List.of(order("low", 1), order("high", 9), order("mid", 5)));
    JmsTaskInbox inbox = inbox("worker-1");

    List<String> received = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Delivery d = inbox.receive(WAIT).orElseThrow();
      received.add(d.order().taskId());
      inbox.acknowledge();
    }

    assertEquals(List.of("high", "mid", "low"), received);
  }

  @Test
  void carriesTheOrderAsJson() {
    DispatchOrder sent = new DispatchOrder("t-1", 3, "computation", 7, null, 2);
    cut.send(List.of(sent));

    Delivery d = inbox("worker-1").receive(WAIT).orElseThrow();

    assertEquals(sent, d.order());
    assertEquals(1, d.deliveryCount());
  }

  /** A deep backlog: one message carries several tasks (ADR 0055), in the order they were packed. */
  @Test
  void aMessageCarriesSeveralOrdersAndAResendOfItIsDropped() {
    List<DispatchOrder> three = List.of(order("a", 6), order("b", 6), new DispatchOrder("c", 2, "noop", 6, null, 1, "reports"));
    cut.sendGrouped(List.of(three));
    cut.sendGrouped(List.of(three)); // the same send again (its answer was lost): the broker drops it
    JmsTaskInbox inbox = inbox("worker-1");

    Delivery d = inbox.receive(WAIT).orElseThrow();
    inbox.acknowledge();

    assertEquals(three, d.orders());
    assertTrue(inbox.receive(Duration.ofMillis(300)).isEmpty(), "one message, once");
  }

  /** What a worker had no free slot for goes back as a message of its own, ahead of lower priorities. */
  @Test
  void ordersHandedBackComeAgainAsAMessageOfTheirOwn() {
    cut.sendGrouped(List.of(List.of(order("one", 8), order("two", 8), order("three", 8)), List.of(order("low", 1))));
    JmsTaskInbox inbox = inbox("worker-1");

    Delivery first = inbox.receive(WAIT).orElseThrow();
    inbox.handBack(first.orders().subList(1, 3));
    inbox.acknowledge();

    Delivery again = inbox.receive(WAIT).orElseThrow();
    inbox.acknowledge();
    assertEquals(List.of("two", "three"), again.orders().stream().map(DispatchOrder::taskId).toList());
    assertEquals("low", inbox.receive(WAIT).orElseThrow().order().taskId(), "its priority kept it ahead of the low one");
    inbox.acknowledge();
  }

  @Test
  void aTargetedMessageReachesOnlyItsWorker() {
    cut.send(List.of(new DispatchOrder("for-2", 1, "noop", 4, "worker-2", 0)));

    assertTrue(inbox("worker-1").receive(Duration.ofMillis(300)).isEmpty());
    Optional<Delivery> atTarget = inbox("worker-2").receive(WAIT);
    assertEquals("for-2", atTarget.orElseThrow().order().taskId());
  }

  /** A consumer of a higher slot index is served only while those of index 0 (every worker's inbox) are busy. */
  @Test
  void theFirstFreeSlotOfEachWorkerComesFirst() {
    JmsTaskInbox aFirst = new JmsTaskInbox(broker.url(), "a", 0);
    JmsTaskInbox aSecond = new JmsTaskInbox(broker.url(), "a", 1);
    JmsTaskInbox bFirst = new JmsTaskInbox(broker.url(), "b", 0);
    inboxes.addAll(List.of(aFirst, aSecond, bFirst));
    java.util.concurrent.ExecutorService slots = java.util.concurrent.Executors.newFixedThreadPool(3);
    try {
      var secondGot = slots.submit(() -> aSecond.receive(Duration.ofMillis(1500)));
      var firstA = slots.submit(() -> aFirst.receive(Duration.ofSeconds(3)));
      var firstB = slots.submit(() -> bFirst.receive(Duration.ofSeconds(3)));
      await().atMost(Duration.ofSeconds(2)).pollDelay(Duration.ofMillis(300)).until(() -> true);
      cut.send(List.of(order("one", 4), order("two", 4)));
      assertTrue(firstA.get().isPresent() && firstB.get().isPresent(), "both first slots got one");
      assertTrue(secondGot.get().isEmpty(), "the second slot got none");
    } catch (Exception e) {
      throw new AssertionError(e);
    } finally {
      slots.shutdownNow();
    }
  }

  @Test
  void theBrokerDropsASecondSendWithTheSameDuplicateId() {
    cut.send(List.of(order("once", 4)));
    cut.send(List.of(order("once", 4)));
    JmsTaskInbox inbox = inbox("worker-1");

    assertTrue(inbox.receive(WAIT).isPresent());
    inbox.acknowledge();
    assertTrue(inbox.receive(Duration.ofMillis(300)).isEmpty());
  }

  @Test
  void aReleasedMessageIsRedelivered() {
    cut.send(List.of(order("again", 4)));
    JmsTaskInbox inbox = inbox("worker-1");
    inbox.receive(WAIT).orElseThrow();
    inbox.release();

    Delivery second = inbox.receive(Duration.ofSeconds(5)).orElseThrow();

    assertEquals("again", second.order().taskId());
    assertEquals(2, second.deliveryCount());
  }

  @Test
  void messagesSurviveABrokerRestartAndClientsReconnect() throws Exception {
    cut.send(List.of(order("durable", 4)));
    JmsTaskInbox inbox = inbox("worker-1");
    broker.close();

    assertThrows(BrokerUnavailableException.class, () -> cut.send(List.of(order("lost?", 4))));
    assertFalse(cut.isConnected());
    assertThrows(BrokerUnavailableException.class, () -> inbox.receive(Duration.ofMillis(200)));

    broker = BatonBroker.start(data, port);
    cut.send(List.of(order("after", 1)));
    assertEquals("durable", inbox.receive(WAIT).orElseThrow().order().taskId());
    inbox.acknowledge();
    assertEquals("after", inbox.receive(WAIT).orElseThrow().order().taskId());
  }
}
