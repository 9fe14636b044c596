package dev.baton.task;

/**
 * A request to put a task on the broker: the message is only a pointer; the worker reads everything else
 * when it claims. {@code dispatch} counts the sends of this epoch, so every resend gets its own duplicate
 * id while a retried send of the same one is dropped by the broker.
 *
 * @param targetWorker only this worker may take it, or {@code null} for any
 * @param queue the task's queue: a worker that does not take from it gives the message back
 */
public record DispatchOrder(String taskId, long epoch, String type, int priority, String targetWorker, int dispatch, String queue) {

  /** An order for a task of the default queue. */
  public DispatchOrder(String taskId, long epoch, String type, int priority, String targetWorker, int dispatch) {
    this(taskId, epoch, type, priority, targetWorker, dispatch, Queues.DEFAULT);
  }

  public DispatchOrder withTarget(String worker) {
    return new DispatchOrder(taskId, epoch, type, priority, worker, dispatch, queue);
  }

  /** The broker's duplicate-detection id of this send. */
  public String duplicateId() {
    return taskId + ":e" + epoch + ":d" + dispatch;
  }
}
