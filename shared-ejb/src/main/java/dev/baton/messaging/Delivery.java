package dev.baton.messaging;

import dev.baton.task.DispatchOrder;
import java.util.List;

/**
 * A task message a worker received and must settle: {@link JmsTaskInbox#acknowledge()} once the claims in Redis
 * are decided (after {@link JmsTaskInbox#handBack} of the orders it had no free slot for), or {@link
 * JmsTaskInbox#release()} to let the broker redeliver all of it.
 *
 * @param orders one or more tasks of the same type, queue, priority and target (ADR 0055)
 * @param deliveryCount 1 on the first delivery, more after redeliveries
 */
public record Delivery(List<DispatchOrder> orders, int deliveryCount) {
  public Delivery {
    orders = List.copyOf(orders);
  }

  /** The first order (a message of one task: its only one). */
  public DispatchOrder order() {
    return orders.get(0);
  }
}
