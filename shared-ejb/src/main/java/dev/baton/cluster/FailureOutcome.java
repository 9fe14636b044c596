package dev.baton.cluster;

import dev.baton.task.DispatchOrder;
import java.util.List;

/**
 * What declaring a worker failed did.
 *
 * @param alive the worker turned out to be alive (a heartbeat came in time); nothing was changed
 * @param declared this call declared it FAILED (false if it already was)
 * @param toDispatch its tasks, now RECOVERING, to send to the broker again
 */
public record FailureOutcome(boolean alive, boolean declared, List<DispatchOrder> toDispatch) {}
