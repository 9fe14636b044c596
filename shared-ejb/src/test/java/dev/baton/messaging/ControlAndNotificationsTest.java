package dev.baton.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.broker.BatonBroker;
import dev.baton.cluster.ControlCommand;
import dev.baton.cluster.FailureMode;
import dev.baton.testing.FreePorts;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Control commands reach their worker; the broker announces a worker's control consumer closing. */
class ControlAndNotificationsTest {
  private BatonBroker broker;
  private JmsControl control;
  private BrokerNotifications notifications;

  @BeforeEach
  void start() throws Exception {
    broker = BatonBroker.start(Files.createTempDirectory("baton-broker-"), FreePorts.find());
    control = new JmsControl(broker.url());
    notifications = new BrokerNotifications(broker.url());
  }

  @AfterEach
  void stop() throws Exception {
    notifications.close();
    control.close();
    broker.close();
  }

  @Test
  void aCommandReachesOnlyItsWorker() {
    try (JmsControlInbox w1 = new JmsControlInbox(broker.url(), "worker-1");
        JmsControlInbox w2 = new JmsControlInbox(broker.url(), "worker-2")) {
      w1.open();
      w2.open();
      control.send("worker-2", ControlCommand.migrate("t-1", 3, "worker-3"));
      control.send("worker-1", ControlCommand.fail(FailureMode.HANG));
      control.send("worker-1", ControlCommand.overload(2.5, 60));

      assertEquals(ControlCommand.migrate("t-1", 3, "worker-3"), w2.receive(Duration.ofSeconds(2)).orElseThrow());
      assertEquals(ControlCommand.fail(FailureMode.HANG), w1.receive(Duration.ofSeconds(2)).orElseThrow());
      assertEquals(ControlCommand.overload(2.5, 60), w1.receive(Duration.ofSeconds(2)).orElseThrow());
      assertTrue(w2.receive(Duration.ofMillis(200)).isEmpty());
    }
  }

  @Test
  void theBrokerAnnouncesThatAWorkersControlConsumerClosed() {
    assertTrue(notifications.next(Duration.ofMillis(300)).isEmpty(), "subscribed, nothing yet");
    JmsControlInbox inbox = new JmsControlInbox(broker.url(), "worker-7");
    inbox.open();
    long closedAt = System.currentTimeMillis();
    inbox.close();

    Optional<BrokerNotifications.ConsumerClosed> n = notifications.next(Duration.ofSeconds(5));

    assertEquals("worker-7", n.orElseThrow().workerId());
    assertTrue(Math.abs(n.get().at().toEpochMilli() - closedAt) < 2_000, n.get().toString());
  }
}
