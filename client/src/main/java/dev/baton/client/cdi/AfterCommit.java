package dev.baton.client.cdi;

import dev.baton.client.BatonClient;
import dev.baton.client.BatonException;
import dev.baton.client.ProblemException;
import dev.baton.client.Task;
import dev.baton.client.TaskRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Submits a task once the surrounding transaction has committed (seed 001's "Task nach Transaktion"): an order
 * saved and its confirmation mail queued go together; a rollback queues nothing. Without a transaction the task
 * is submitted at once.
 *
 * <pre>{@code
 * @Inject AfterCommit afterCommit;
 *
 * @Transactional
 * public void place(Order o) {
 *   orders.persist(o);
 *   afterCommit.submit(TaskRequest.of("io").label("confirm " + o.id()).idempotencyKey("confirm-" + o.id()));
 * }
 * }</pre>
 *
 * The submission is a CDI event observed {@code during = AFTER_SUCCESS}: the request runs in the committing thread
 * right after the commit. It carries an idempotency key (a random one unless the request names its own), so the
 * retries after a lost answer never create a second task. If the manager stays unreachable the answer fails and the
 * task is not submitted: the commit cannot be taken back (an outbox table read by a timer is the way when that must
 * never happen; docs/adr/0045). Needs a {@link BatonClient} bean, or the system property / environment variable
 * {@code baton.url} / {@code BATON_URL} (then with the credentials of BATON_TOKEN, or BATON_USER and BATON_PASSWORD).
 */
@ApplicationScoped
public class AfterCommit {
  private static final Logger LOG = Logger.getLogger(AfterCommit.class.getName());
  private static final int ATTEMPTS = 3;

  /** A submission waiting for its transaction's end. */
  record Pending(TaskRequest request, boolean inTransaction, CompletableFuture<Task> answer) {}

  @Inject Event<Pending> pending;
  @Inject Instance<BatonClient> clients;

  private volatile BatonClient fallback;

  /**
   * Submits the task after the current transaction commits, or at once without one. The answer completes with
   * the task once submitted; exceptionally with {@link RolledBackException} if the transaction rolled back (nothing
   * was submitted), or with the client's exception if the manager refused or could not be reached.
   */
  public CompletionStage<Task> submit(TaskRequest request) {
    TaskRequest keyed = request.idempotencyKey() != null ? request : request.idempotencyKey("after-commit-" + UUID.randomUUID());
    Pending p = new Pending(keyed, inTransaction(), new CompletableFuture<>());
    pending.fire(p);
    return p.answer();
  }

  void afterSuccess(@Observes(during = TransactionPhase.AFTER_SUCCESS) Pending p) {
    BatonException last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        p.answer().complete(client().submit(p.request()));
        return;
      } catch (ProblemException.Busy | ProblemException.Unavailable e) {
        last = e; // nothing stored: the same request again
      } catch (ProblemException e) {
        p.answer().completeExceptionally(e); // refused for good (invalid, conflict)
        LOG.log(Level.WARNING, "after commit, a {0} task was refused: {1}", new Object[] {p.request().type(), e.getMessage()});
        return;
      } catch (BatonException e) {
        last = e; // the answer may be lost: the idempotency key makes a repeat safe
      }
      if (attempt < ATTEMPTS) {
        pause(attempt);
      }
    }
    LOG.log(
        Level.WARNING,
        "after commit, a {0} task (idempotency key {1}) could not be submitted: {2}",
        new Object[] {p.request().type(), p.request().idempotencyKey(), last.getMessage()});
    p.answer().completeExceptionally(last);
  }

  void afterFailure(@Observes(during = TransactionPhase.AFTER_FAILURE) Pending p) {
    if (p.inTransaction()) { // without a transaction CDI calls both observers at once: only the other one counts
      p.answer().completeExceptionally(new RolledBackException(p.request().type()));
    }
  }

  /** A JTA transaction is active here (the server's registry says so); false outside a Jakarta EE server. */
  private static boolean inTransaction() {
    try {
      Object registry = new javax.naming.InitialContext().lookup("java:comp/TransactionSynchronizationRegistry");
      return registry instanceof jakarta.transaction.TransactionSynchronizationRegistry r && r.getTransactionKey() != null;
    } catch (javax.naming.NamingException | LinkageError | RuntimeException noServer) {
      return false;
    }
  }

  private BatonClient client() {
    if (clients.isResolvable()) {
      return clients.get();
    }
    if (fallback == null) {
      String url = System.getProperty("baton.url", System.getenv("BATON_URL"));
      if (url == null) {
        throw new BatonException("no BatonClient bean, and neither baton.url nor BATON_URL names the manager");
      }
      fallback = BatonClient.builder(url).credentialsFromEnvironment().build();
    }
    return fallback;
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(100L << (2 * (attempt - 1))); // 100 ms, 400 ms
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The transaction rolled back: the task was not submitted. */
  public static final class RolledBackException extends IllegalStateException {
    RolledBackException(String type) {
      super("the transaction rolled back: the " + type + " task was not submitted");
    }
  }
}
