package dev.baton.store;

import dev.baton.task.DispatchOrder;
import java.util.List;
import java.util.Map;

/**
 * What a requeue did.
 *
 * @param requeued the tasks now CREATED again, as orders to send
 * @param refused the ids that were not requeued, with their status ({@code MISSING} if unknown)
 */
public record Requeued(List<DispatchOrder> requeued, Map<String, String> refused) {}
