package dev.baton.worker.execution;

import dev.baton.task.AttemptOutcome;
import dev.baton.task.Outcomes;
import dev.baton.task.WriteResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The outcomes of this worker's slots, written together when they end together (group commit, ADR 0055): a slot
 * whose task ended queues its outcome; whichever slot finds no write under way writes everything queued in one
 * call (until its own is written, then once more for what ended meanwhile); the others wait until that write
 * ends, and find their result or write themselves. An idle worker writes each
 * outcome at once, alone. Every slot returns only once its outcome is decided, as with a write of its own.
 */
@ApplicationScoped
public class GroupedOutcomes {
  private static final int MOST_PER_CALL = 64;

  @Inject Outcomes outcomes;

  private final ConcurrentLinkedQueue<Pending> queued = new ConcurrentLinkedQueue<>();
  private final Object monitor = new Object();
  private boolean writerActive; // guarded by monitor

  private record Pending(AttemptOutcome outcome, CompletableFuture<WriteResult> result) {}

  /**
   * Records the outcome (with others queued meanwhile) and returns its result.
   *
   * @throws dev.baton.store.StoreUnavailableException if Redis could not be reached for the write that carried it
   */
  public WriteResult record(AttemptOutcome outcome) {
    Pending mine = new Pending(outcome, new CompletableFuture<>());
    queued.add(mine);
    boolean interrupted = false;
    try {
      while (true) {
        synchronized (monitor) {
          while (writerActive && !mine.result().isDone()) {
            try {
              monitor.wait(); // the write under way ends with a notifyAll
            } catch (InterruptedException e) {
              interrupted = true; // the outcome is queued: wait for it all the same
            }
          }
          if (mine.result().isDone()) {
            return result(mine);
          }
          writerActive = true; // nobody writes: this slot does
        }
        try {
          while (!mine.result().isDone() && !queued.isEmpty()) {
            writeQueued();
          }
          writeQueued(); // what ended meanwhile, once: then back to its own slot's work
        } finally {
          synchronized (monitor) {
            writerActive = false;
            monitor.notifyAll();
          }
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static WriteResult result(Pending p) {
    try {
      return p.result().join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  /** Outcomes queued and not yet in a write. */
  public int waiting() {
    return queued.size();
  }

  private void writeQueued() {
    List<Pending> batch = new ArrayList<>();
    Pending p;
    while (batch.size() < MOST_PER_CALL && (p = queued.poll()) != null) {
      batch.add(p);
    }
    if (batch.isEmpty()) {
      return;
    }
    List<WriteResult> results;
    try {
      results = outcomes.record(batch.stream().map(Pending::outcome).toList());
    } catch (RuntimeException e) {
      batch.forEach(b -> b.result().completeExceptionally(e)); // each slot retries its own
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).result().complete(results.get(i));
    }
  }
}
