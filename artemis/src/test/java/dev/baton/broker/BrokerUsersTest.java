package dev.baton.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.spi.core.security.jaas.RolePrincipal;
import org.junit.jupiter.api.Test;

/** Each worker logs in as itself only, and may use its own control queue only - to take from it. */
class BrokerUsersTest {
  private static final String SECRET = "the-workers-secret-0123456789";
  private final BrokerUsers cut = new BrokerUsers("manager-password", SECRET);

  @Test
  void aWorkerLogsInUnderItsIdWithItsOwnPassword() throws Exception {
    String one = BrokerUsers.workerPassword(SECRET, "worker-1");
    assertEquals(64, one.length());
    assertNotEquals(one, BrokerUsers.workerPassword(SECRET, "worker-2"));
    assertNotEquals(one, BrokerUsers.workerPassword("another-secret", "worker-1"));

    var subject = cut.authenticate("worker-1", one, null, null);
    assertNotNull(subject);
    assertEquals("worker-1", cut.getUserFromSubject(subject));
    assertTrue(subject.getPrincipals(RolePrincipal.class).stream().anyMatch(r -> r.getName().equals("worker")));
    assertNull(cut.authenticate("worker-2", one, null, null), "another worker's password");
    assertNull(cut.authenticate("worker-1", "guess", null, null));
    assertNull(cut.authenticate("worker-1", null, null, null));
  }

  @Test
  void theManagerKeepsItsPassword() throws Exception {
    assertNotNull(cut.authenticate("manager", "manager-password", null, null));
    assertNull(cut.authenticate("manager", BrokerUsers.workerPassword(SECRET, "manager"), null, null), "no worker password for it");
  }

  @Test
  void aWorkerTakesFromItsOwnControlQueueOnly() {
    assertTrue(BrokerUsers.mayUseAsWorker("worker-1", CheckType.CONSUME, "baton.control.worker-1"));
    assertTrue(BrokerUsers.mayUseAsWorker("worker-1", CheckType.CONSUME, "baton.control.worker-1::baton.control.worker-1"));
    assertTrue(BrokerUsers.mayUseAsWorker("worker-1", CheckType.CREATE_DURABLE_QUEUE, "baton.control.worker-1"), "made at its first start");
    assertFalse(BrokerUsers.mayUseAsWorker("worker-1", CheckType.SEND, "baton.control.worker-1"), "not even to itself");
    assertFalse(BrokerUsers.mayUseAsWorker("worker-1", CheckType.SEND, "baton.control.worker-2"));
    assertFalse(BrokerUsers.mayUseAsWorker("worker-1", CheckType.CONSUME, "baton.control.worker-2"));
    assertFalse(BrokerUsers.mayUseAsWorker("worker-1", CheckType.CONSUME, "baton.control.worker-10"));
    assertFalse(BrokerUsers.mayUseAsWorker("worker-1", CheckType.CONSUME, "baton.control.worker-2::baton.control.worker-1"));
    assertFalse(BrokerUsers.mayUseAsWorker("worker-1", CheckType.BROWSE, "baton.control.worker-1"));
  }

  @Test
  void elsewhereBrokerXmlDecides() {
    assertTrue(BrokerUsers.mayUseAsWorker("worker-1", CheckType.CONSUME, "baton.tasks"));
    assertTrue(BrokerUsers.mayUseAsWorker("worker-1", CheckType.SEND, "baton.tasks"), "a handover sends the task on");
  }
}
