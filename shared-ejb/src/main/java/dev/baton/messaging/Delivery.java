package dev.baton.messaging;

import dev.baton.task.DispatchOrder;

/**
 * A task message a slot received and must settle: {@link JmsTaskInbox#acknowledge()} once the claim in
 * Redis is decided, or {@link JmsTaskInbox#release()} to let the broker redeliver it.
 *
 * @param deliveryCount 1 on the first delivery, more after redeliveries
 */
public record Delivery(DispatchOrder order, int deliveryCount) {}
