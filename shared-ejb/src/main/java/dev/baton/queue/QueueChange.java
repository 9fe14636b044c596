package dev.baton.queue;

import java.util.List;

/**
 * What changing a queue did.
 *
 * @param stopping the running tasks a stop asked to hand back (task id, epoch, worker): their workers are told
 */
public record QueueChange(QueueState state, List<Stopping> stopping) {
  public record Stopping(String taskId, long epoch, String workerId) {}
}
