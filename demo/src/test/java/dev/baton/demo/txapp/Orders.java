package dev.baton.demo.txapp;

import dev.baton.client.Task;
import dev.baton.client.TaskRequest;
import dev.baton.client.cdi.AfterCommit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/** Places orders in a JTA transaction; each queues a confirmation task after the commit. */
@ApplicationScoped
public class Orders {
  /** The order could not be placed: the transaction rolls back. */
  public static class Refused extends RuntimeException {
    Refused(String label) {
      super("order " + label + " refused");
    }
  }

  @Inject AfterCommit afterCommit;

  /** What each order's submission answered (kept for the test, as the rollback throws). */
  private final Map<String, CompletionStage<Task>> submissions = new ConcurrentHashMap<>();

  @Transactional
  public void place(String label, boolean refuse) {
    submissions.put(label, afterCommit.submit(TaskRequest.of("noop").label(label)));
    if (refuse) {
      throw new Refused(label);
    }
  }

  /** Without a transaction: submitted at once. */
  public void placeWithoutTransaction(String label) {
    submissions.put(label, afterCommit.submit(TaskRequest.of("noop").label(label)));
  }

  CompletionStage<Task> submission(String label) {
    return submissions.get(label);
  }
}
