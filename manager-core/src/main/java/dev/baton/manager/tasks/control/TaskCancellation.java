package dev.baton.manager.tasks.control;

import dev.baton.cluster.ControlCommand;
import dev.baton.logging.Structured;
import dev.baton.manager.config.ManagerSettings;
import dev.baton.manager.refusal.Refusal;
import dev.baton.messaging.BrokerUnavailableException;
import dev.baton.messaging.JmsControl;
import dev.baton.store.RedisTaskStore;
import dev.baton.task.CancelResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Cancels tasks. Redis decides (cancel.lua): a task no worker owns is CANCELLED at once; a running one is
 * asked to stop, and its owner is told over its control queue (or learns it from the answer to its next
 * progress write, if the message is lost); after the grace period a timer cancels it anyway.
 */
@ApplicationScoped
public class TaskCancellation {
  private static final Logger LOG = Logger.getLogger(TaskCancellation.class.getName());

  @Inject RedisTaskStore store;
  @Inject JmsControl control;
  @Inject ManagerSettings settings;

  /**
   * @throws Refusal NOT_FOUND for an unknown task, CONFLICT for one that has ended
   */
  public CancelResult cancel(String taskId, String actor) {
    CancelResult r = store.cancel(taskId, "cancelled by " + actor, actor, settings.cancelGrace());
    switch (r.outcome()) {
      case MISSING -> throw Refusal.notFound("no task with id " + taskId);
      case FINAL -> throw Refusal.conflict("task " + taskId + " is " + r.finalStatus() + " already; only an unfinished task can be cancelled");
      case REQUESTED -> {
        if (r.owner() != null) {
          try {
            control.send(r.owner(), ControlCommand.cancel(taskId, r.epoch()));
          } catch (BrokerUnavailableException e) {
            Structured.log(LOG, Level.WARNING, "task.cancel_unsent", taskId, r.owner(), r.epoch(), () -> "cancel of " + taskId + " not sent to " + r.owner() + "; it learns at its next progress write: " + e.getMessage());
          }
        }
      }
      case CANCELLED -> {
        // nothing more: no worker had it
      }
    }
    return r;
  }
}
