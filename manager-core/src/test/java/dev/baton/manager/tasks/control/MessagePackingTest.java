package dev.baton.manager.tasks.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.baton.task.DispatchOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Orders share a message only with orders of the same type, queue, priority and target; K at most. */
class MessagePackingTest {

  private static DispatchOrder order(String id, String type, int priority, String target, String queue) {
    return new DispatchOrder(id, 0, type, priority, target, 0, queue);
  }

  private static List<List<String>> ids(List<List<DispatchOrder>> messages) {
    return messages.stream().map(m -> m.stream().map(DispatchOrder::taskId).toList()).toList();
  }

  @Test
  void oneTaskPerMessageWhenKIsOne() {
    List<DispatchOrder> orders = List.of(order("a", "noop", 5, null, "default"), order("b", "noop", 5, null, "default"));
    assertEquals(List.of(List.of("a"), List.of("b")), ids(MessagePacking.pack(orders, 1)));
  }

  @Test
  void ordersOfOneKindArePackedKAtATimeInTheirOrder() {
    List<DispatchOrder> orders = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      orders.add(order("t" + i, "noop", 5, null, "default"));
    }
    assertEquals(
        List.of(List.of("t0", "t1", "t2"), List.of("t3", "t4", "t5"), List.of("t6")), ids(MessagePacking.pack(orders, 3)));
  }

  @Test
  void typeQueuePriorityAndTargetSeparateMessages() {
    List<DispatchOrder> orders =
        List.of(
            order("a", "noop", 5, null, "default"),
            order("other-type", "sleep", 5, null, "default"),
            order("other-queue", "noop", 5, null, "reports"),
            order("urgent", "noop", 9, null, "default"),
            order("for-w2", "noop", 5, "worker-2", "default"),
            order("b", "noop", 5, null, "default"));
    assertEquals(
        List.of(List.of("a", "b"), List.of("other-type"), List.of("other-queue"), List.of("urgent"), List.of("for-w2")),
        ids(MessagePacking.pack(orders, 8)));
  }
}
