package dev.baton.worker.execution;

import dev.baton.concurrent.Loop;
import dev.baton.store.StoreUnavailableException;
import dev.baton.task.AttemptOutcome;
import dev.baton.task.ClaimResult;
import dev.baton.task.Claims;
import dev.baton.task.DispatchOrder;
import dev.baton.task.Outcomes;
import dev.baton.task.OutcomesThenClaims;
import dev.baton.task.WriteResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The outcomes of this worker's tasks, written by one writer thread in groups (group commit, ADR 0055 and 0058): a
 * slot whose task ended queues its outcome and is free for the next task at once; the writer writes everything
 * queued in one call, so outcomes that end during a write go together in the next one, and an idle worker's outcome
 * is written at once, alone. While Redis cannot be reached the writer retries, for up to {@link #RETRY_LIMIT} per
 * outcome: a finished result must not be lost, and one given up on runs again (its task is recovered).
 *
 * <p>The fetcher's claims take the outcomes queued at that moment along ({@link #claim}): one call, after them, on the
 * fetcher's own thread - under a deep backlog a worker has both every few milliseconds, and one call costs Redis a
 * round trip less than two, without a hand-off between threads in the fetcher's cycle (ADR 0059).
 */
@ApplicationScoped
public class GroupedOutcomes {
  private static final Logger LOG = Logger.getLogger(GroupedOutcomes.class.getName());
  private static final int MOST_PER_CALL = 64;
  static final Duration RETRY_LIMIT = Duration.ofMinutes(5);

  @Inject Outcomes outcomes;
  @Inject Claims claims;
  @Inject OutcomesThenClaims outcomesThenClaims;

  private final BlockingQueue<Pending> queued = new LinkedBlockingQueue<>();
  private final Loop loop = new Loop();
  Duration retryLimit = RETRY_LIMIT; // shorter in tests
  /** Once {@link #stop} set it: past this (System.nanoTime), queued outcomes are given up on instead of retried. */
  private volatile boolean stopDeadlineSet;
  private volatile long giveUpAt;

  private record Pending(AttemptOutcome outcome, long queuedAt, CompletableFuture<WriteResult> result) {}

  /** Starts the writer thread. */
  public void start(ThreadFactory threads) {
    loop.start(threads, "baton-outcomes", this::write);
  }

  /**
   * Queues the outcome for the next write. The future completes with its result: null if Redis stayed unreachable
   * past the retry limit (or the stop's grace), exceptionally if the write failed for another reason.
   */
  public CompletableFuture<WriteResult> submit(AttemptOutcome outcome) {
    Pending p = new Pending(outcome, System.nanoTime(), new CompletableFuture<>());
    queued.add(p);
    return p.result();
  }

  /**
   * Claims these tasks for {@code workerId} ({@link Claims#claim}) on the caller's thread, in one call with the
   * outcomes queued now (they are recorded first). Should Redis be unreachable, those outcomes go back to the writer,
   * which retries them as always, and the claim fails to its caller.
   *
   * @throws StoreUnavailableException if Redis could not be reached
   */
  public List<ClaimResult> claim(String workerId, List<DispatchOrder> orders) {
    List<Pending> along = new ArrayList<>();
    queued.drainTo(along, MOST_PER_CALL);
    if (along.isEmpty()) {
      return claims.claim(workerId, orders);
    }
    OutcomesThenClaims.Decided decided;
    try {
      decided = outcomesThenClaims.recordThenClaim(along.stream().map(Pending::outcome).toList(), workerId, orders);
    } catch (StoreUnavailableException e) {
      queued.addAll(along); // undecided: the writer retries them (a recorded one is refused as stale then)
      throw e;
    } catch (RuntimeException e) {
      along.forEach(p -> p.result().completeExceptionally(e));
      throw e;
    }
    for (int i = 0; i < along.size(); i++) {
      along.get(i).result().complete(decided.written().get(i));
    }
    return decided.claimed();
  }

  /** Outcomes queued and not yet in a write. */
  public int waiting() {
    return queued.size();
  }

  /** Writes what is queued, then ends the writer; waits up to {@code grace}, after which queued outcomes are given up on. */
  public void stop(Duration grace) {
    giveUpAt = System.nanoTime() + grace.toNanos();
    stopDeadlineSet = true;
    loop.signalStop();
    loop.join(grace.plusSeconds(1));
  }

  private void write() {
    List<Pending> batch = new ArrayList<>(MOST_PER_CALL);
    while (!loop.isStopping() || !queued.isEmpty()) {
      try {
        Pending first = queued.poll(500, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queued.drainTo(batch, MOST_PER_CALL - 1);
        writeUntilDecided(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.log(Level.SEVERE, "outcome writer error, continuing", e);
      } finally {
        batch.forEach(p -> p.result().complete(null)); // none left undecided, whatever happened
        batch.clear();
      }
    }
  }

  /** One call for the batch; again while Redis cannot be reached, without the outcomes past their limit. */
  private void writeUntilDecided(List<Pending> batch) throws InterruptedException {
    long pause = 100;
    while (!batch.isEmpty()) {
      List<WriteResult> results;
      try {
        results = outcomes.record(batch.stream().map(Pending::outcome).toList());
      } catch (StoreUnavailableException e) {
        long now = System.nanoTime();
        batch.removeIf(p -> giveUp(p, now)); // completed with null: the task runs again elsewhere
        LOG.fine(() -> "Redis unavailable, retrying " + batch.size() + " outcome(s): " + e.getMessage());
        if (!batch.isEmpty()) {
          Thread.sleep(pause); // backoff while Redis is down
          pause = Math.min(pause * 2, 2_000);
        }
        continue;
      } catch (RuntimeException e) {
        batch.forEach(p -> p.result().completeExceptionally(e));
        batch.clear();
        return;
      }
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).result().complete(results.get(i));
      }
      batch.clear();
    }
  }

  private boolean giveUp(Pending p, long now) {
    if (now - p.queuedAt() > retryLimit.toNanos() || (stopDeadlineSet && now - giveUpAt > 0)) {
      p.result().complete(null);
      return true;
    }
    return false;
  }
}
