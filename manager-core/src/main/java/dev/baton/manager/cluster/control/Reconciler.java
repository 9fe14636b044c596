package dev.baton.manager.cluster.control;

import dev.baton.manager.config.ManagerSettings;
import dev.baton.store.RedisTaskStore;
import dev.baton.store.StoreUnavailableException;
import dev.baton.task.Reconciliation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * Repairs what a crash can leave between states: tasks waiting for a worker but off the dispatch
 * schedule (a manager died between storing and sending), tasks owned by a worker that is gone without a
 * lease to expire. Runs when a manager starts, then now and then.
 */
@ApplicationScoped
public class Reconciler {
  private static final Logger LOG = Logger.getLogger(Reconciler.class.getName());

  @Inject RedisTaskStore tasks;
  @Inject ManagerSettings settings;

  /** @return what it repaired, or null if Redis is unavailable */
  public Reconciliation run() {
    try {
      // A silent owner gets two leases of grace: the failure detector is the one to act on leases.
      Reconciliation r = tasks.reconcile(settings.maxRecoveries(), settings.workerTimeout().multipliedBy(2));
      if (r.scheduled() > 0 || r.recovered() > 0) {
        LOG.warning(
            () -> "reconciled: " + r.scheduled() + " waiting task(s) rescheduled, " + r.recovered() + " recovered from " + r.goneOwners());
      }
      return r;
    } catch (StoreUnavailableException e) {
      return null;
    }
  }
}
