package dev.baton.worker.execution;

import dev.baton.json.Jsonp;
import dev.baton.logging.Structured;
import dev.baton.store.RedisTaskStore;
import dev.baton.store.StoreUnavailableException;
import dev.baton.task.AttemptOutcome;
import dev.baton.task.Claim;
import dev.baton.task.Move;
import dev.baton.task.TaskStatus;
import dev.baton.task.WriteResult;
import dev.baton.worker.config.WorkerSettings;
import dev.baton.worker.control.WorkerState;
import dev.baton.worker.handlers.HandlerRegistry;
import dev.baton.worker.handlers.RetryRequested;
import dev.baton.worker.handlers.StopRequested;
import dev.baton.worker.handlers.TaskHandler;
import dev.baton.worker.handlers.TaskInput;
import dev.baton.worker.handlers.TaskRun;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Drives a claimed task step by step: checkpoints at the handler's boundaries and at least every
 * checkpoint interval, progress at most every {@value #PROGRESS_EVERY_MS} ms, the outcome at the end
 * (queued for the worker's outcome writer: the slot is free for the next task while it is written).
 * Every write carries the claim's epoch; the first one refused (fenced) ends this worker's work on it.
 */
@ApplicationScoped
public class TaskRunner {
  private static final Logger LOG = Logger.getLogger(TaskRunner.class.getName());
  static final long PROGRESS_EVERY_MS = 250;

  @Inject RedisTaskStore store;
  @Inject GroupedOutcomes outcomes;
  @Inject HandlerRegistry handlers;
  @Inject WorkerSettings settings;
  @Inject WorkerState state;
  @Inject TaskHandover handover;
  @Inject dev.baton.worker.metrics.WorkerMetrics metrics;
  @Inject AttemptLog attempts;

  private static final CompletableFuture<?> NOTHING_TO_RECORD = CompletableFuture.completedFuture(null);

  /**
   * Runs (or resumes) the task until it ends, is fenced, or is asked to stop.
   *
   * @return the recording of its outcome, which completes once the outcome is decided in Redis (at once if the run
   *     ended without one: fenced, released, handed over)
   */
  public CompletableFuture<?> run(Execution ex) {
    if (!attempts.enabled()) {
      return attempt(ex);
    }
    attempts.started(ex);
    CompletableFuture<?> recorded = attempt(ex);
    recorded.whenComplete((result, error) -> attempts.ended(ex, result, error));
    return recorded;
  }

  private CompletableFuture<?> attempt(Execution ex) {
    Claim claim = ex.claim();
    TaskHandler handler = handlers.forType(claim.type()).orElse(null);
    if (handler == null) {
      return finish(ex, TaskStatus.FAILED, "this worker has no handler for type " + claim.type());
    }
    TaskRun run;
    try {
      run = handler.start(input(ex, handler));
    } catch (RetryRequested r) {
      return failAttempt(ex, r.getMessage(), r.countdown(), true);
    } catch (Exception e) {
      return failAttempt(ex, describe(e), null, false);
    }
    try {
      return drive(ex, run);
    } catch (Fenced f) {
      log(Level.INFO, ex, "task.fenced", () -> "stopped task " + ex.taskId() + ": " + f.getMessage());
      return NOTHING_TO_RECORD;
    } catch (StopRequested s) {
      return switch (ex.stopKind()) {
        case SHUTDOWN -> release(ex, run);
        case MIGRATE -> handOver(ex, run);
        case CANCEL -> cancelled(ex, run);
        case TIME_LIMIT -> failAttempt(ex, ex.timeLimitReason(), null, false);
        case ABANDON -> {
          log(Level.INFO, ex, "task.abandoned", () -> "stopped task " + ex.taskId() + ": " + ex.stopReason());
          yield NOTHING_TO_RECORD;
        }
      };
    } catch (RetryRequested r) {
      return failAttempt(ex, r.getMessage(), r.countdown(), true);
    } catch (Exception e) {
      if (ex.isStopRequested() && ex.stopKind() == Execution.Stop.CANCEL) {
        return cancelled(ex, run); // the interrupt after the grace period ended the step with an error
      } else if (ex.isStopRequested() && ex.stopKind() == Execution.Stop.TIME_LIMIT) {
        return failAttempt(ex, ex.timeLimitReason(), null, false); // the interrupt at the limit ended the step
      } else {
        return failAttempt(ex, describe(e), null, false);
      }
    } finally {
      try {
        run.close();
      } catch (Exception e) {
        LOG.log(Level.WARNING, "closing the run of " + ex.taskId(), e);
      }
    }
  }

  private CompletableFuture<?> drive(Execution ex, TaskRun run) throws Exception {
    long interval = intervalNanos(ex.claim());
    long lastCheckpoint = System.nanoTime();
    long lastReport = 0;
    int reportedProgress = ex.claim().progress();
    while (!run.isDone()) {
      while (state.awaitUnfrozen(500)) { // a simulated hang: no work until recovered or stopped
        if (ex.isStopRequested()) {
          break;
        }
      }
      if (ex.isStopRequested()) {
        throw new StopRequested(ex.stopReason());
      }
      if (ex.pastHardLimit()) {
        ex.requestStop(Execution.Stop.TIME_LIMIT, ex.timeLimitReason());
        throw new StopRequested(ex.timeLimitReason());
      }
      if (ex.softLimitJustReached()) {
        run.softTimeLimitReached();
        report(ex, run, true); // keep what was done: the hard limit may follow
        lastCheckpoint = System.nanoTime();
      }
      long stepStart = System.nanoTime();
      run.step();
      long now = System.nanoTime();
      if (run.isDone()) {
        break;
      }
      double overload = state.overloadFactor();
      if (overload > 1.0) { // a simulated overload: every step takes `overload` times as long
        ex.pause((long) ((now - stepStart) * (overload - 1.0) / 1_000_000) + 1);
        now = System.nanoTime();
      }
      if (run.wantsCheckpoint() || now - lastCheckpoint >= interval) {
        report(ex, run, true);
        lastCheckpoint = now;
        lastReport = now;
        reportedProgress = run.progress();
      } else if (run.progress() != reportedProgress && now - lastReport >= PROGRESS_EVERY_MS * 1_000_000) {
        report(ex, run, false);
        lastReport = now;
        reportedProgress = run.progress();
      }
    }
    return finish(ex, TaskStatus.COMPLETED, run.result().toString());
  }

  private void report(Execution ex, TaskRun run, boolean withCheckpoint) {
    try {
      WriteResult r =
          store.report(
              ex.taskId(),
              ex.epoch(),
              run.progress(),
              run.progressMessage(),
              withCheckpoint ? run.checkpoint().toString() : null,
              settings.workerId());
      if (!r.isOk()) {
        throw new Fenced(r.detail());
      }
      if (r.cancelRequested()) {
        ex.requestStop(Execution.Stop.CANCEL, "cancelled");
      } else if (r.status() == TaskStatus.MIGRATING) {
        ex.requestStop(Execution.Stop.MIGRATE, "migration requested");
      }
    } catch (StoreUnavailableException e) {
      // Progress is best effort; the next checkpoint is tried at the next step.
      LOG.log(Level.FINE, "progress of {0} not written: {1}", new Object[] {ex.taskId(), e.getMessage()});
    }
  }

  /** The worker stops: checkpoint here and hand the task back so another worker resumes it. */
  private CompletableFuture<?> release(Execution ex, TaskRun run) {
    String reason = "released by " + settings.workerId() + ": " + ex.stopReason();
    try {
      WriteResult checkpoint =
          store.report(ex.taskId(), ex.epoch(), run.progress(), run.progressMessage(), run.checkpoint().toString(), settings.workerId());
      if (!checkpoint.isOk()) {
        log(Level.INFO, ex, "task.fenced", () -> "stopped task " + ex.taskId() + ": " + checkpoint.detail());
        return NOTHING_TO_RECORD;
      }
      WriteResult moved =
          store.move(
              new Move(
                  ex.taskId(),
                  TaskStatus.RECOVERING,
                  Set.of(TaskStatus.RUNNING, TaskStatus.MIGRATING),
                  ex.epoch(),
                  true,
                  reason,
                  settings.workerId(),
                  Duration.ZERO));
      log(Level.INFO, ex, "task.released", () -> "task " + ex.taskId() + " " + (moved.isOk() ? reason : "not released: " + moved.detail()));
    } catch (StoreUnavailableException e) {
      log(Level.WARNING, ex, "task.released", () -> "task " + ex.taskId() + " not released, Redis is down; it is recovered when this worker's lease ends");
    }
    return NOTHING_TO_RECORD;
  }

  /** The task was cancelled: it stopped here, at a step boundary (or interrupted); record it CANCELLED. */
  private CompletableFuture<?> cancelled(Execution ex, TaskRun run) {
    String where = "stopped by " + settings.workerId() + " at " + run.progress() + "%";
    return record(ex, where, new AttemptOutcome(ex.taskId(), ex.epoch(), AttemptOutcome.Kind.CANCELLED, where, settings.workerId(), null));
  }

  /** The task migrates: final checkpoint here, then straight to the target worker. */
  private CompletableFuture<?> handOver(Execution ex, TaskRun run) {
    try {
      store
          .release(
              ex.taskId(), ex.epoch(), run.checkpoint().toString(), run.progress(), settings.workerId(),
              "released by " + settings.workerId() + " at " + run.progress() + "%", settings.handoverTimeout())
          .ifPresentOrElse(
              order -> {
                handover.send(order);
                log(Level.INFO, ex, "task.handed_over", () -> "task " + ex.taskId() + " handed over to " + (order.targetWorker() == null ? "any worker" : order.targetWorker())
                    + " at " + run.progress() + "%");
              },
              () -> log(Level.INFO, ex, "task.handed_back", () -> "task " + ex.taskId() + " handed back at " + run.progress() + "% (its queue holds it, or it was not migrating any more)"));
    } catch (StoreUnavailableException e) {
      log(Level.WARNING, ex, "task.handed_over", () -> "task " + ex.taskId() + " not handed over, Redis is down; the manager forces the migration");
    }
    return NOTHING_TO_RECORD;
  }

  /** Queues the outcome; the writer retries it while Redis is unreachable: a finished result must not be lost. */
  private CompletableFuture<?> finish(Execution ex, TaskStatus outcome, String payload) {
    AttemptOutcome.Kind kind = switch (outcome) {
      case COMPLETED -> AttemptOutcome.Kind.COMPLETED;
      case FAILED -> AttemptOutcome.Kind.FAILED;
      default -> throw new IllegalArgumentException("not an outcome: " + outcome);
    };
    return record(ex, payload, new AttemptOutcome(ex.taskId(), ex.epoch(), kind, payload, settings.workerId(), null));
  }

  /**
   * Records a failed attempt: RETRYING if the task's policy has a retry left (after the policy's delay, or
   * the handler's own countdown), else FAILED; Redis decides, atomically with the retry count.
   */
  private CompletableFuture<?> failAttempt(Execution ex, String error, Duration countdown, boolean requested) {
    Duration policyDelay = ex.claim().nextRetryDelay(ThreadLocalRandom.current()::nextDouble);
    Duration delay = policyDelay == null ? null : countdown != null ? countdown : policyDelay;
    AttemptOutcome.Kind kind = requested ? AttemptOutcome.Kind.RETRY : AttemptOutcome.Kind.FAILED;
    return record(ex, error, new AttemptOutcome(ex.taskId(), ex.epoch(), kind, error, settings.workerId(), delay));
  }

  /** Hands the outcome to the writer; what the write decided is logged and counted when it is known. */
  private CompletableFuture<?> record(Execution ex, String payload, AttemptOutcome outcome) {
    return outcomes
        .submit(outcome)
        .whenComplete(
            (r, error) -> {
              if (error != null) {
                LOG.log(Level.SEVERE, "outcome of task " + ex.taskId() + " not recorded", error);
              } else {
                logged(ex, payload, r);
              }
            });
  }

  private void logged(Execution ex, String payload, WriteResult r) {
    metrics.attemptEnded(r);
    if (r == null) {
      log(Level.WARNING, ex, "task.outcome_lost", () -> "outcome of task " + ex.taskId() + " not recorded, Redis stayed down; the task will run again");
    } else if (!r.isOk()) {
      log(Level.INFO, ex, "task.fenced", () -> "outcome of task " + ex.taskId() + " refused (" + r.detail() + "); another worker owns it now");
    } else if (r.status() != TaskStatus.COMPLETED) {
      log(Level.INFO, ex, "task." + r.status().name().toLowerCase(java.util.Locale.ROOT), () -> "task " + ex.taskId() + " " + r.status() + ": " + payload);
    }
  }

  /** A line about this task's attempt, with its id, this worker and the attempt's epoch as fields. */
  private void log(Level level, Execution ex, String event, Supplier<String> message) {
    Structured.log(LOG, level, event, ex.taskId(), settings.workerId(), ex.epoch(), message);
  }

  private TaskInput input(Execution ex, TaskHandler handler) {
    Claim c = ex.claim();
    return new TaskInput(
        c.taskId(),
        c.attempt(),
        parse(c.data()),
        c.checkpoint() == null ? null : parse(c.checkpoint()),
        settings.scratchDir(),
        settings.managerUrl(),
        ex,
        c.parentResults() == null ? jakarta.json.JsonValue.EMPTY_JSON_OBJECT : parse(c.parentResults()));
  }

  private long intervalNanos(Claim c) {
    return c.checkpointIntervalS() != null
        ? Duration.ofSeconds(c.checkpointIntervalS()).toNanos()
        : settings.checkpointInterval().toNanos();
  }

  private static JsonObject parse(String json) {
    return Jsonp.parseObject(json);
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  /** A write was refused: this worker no longer owns the task. */
  static final class Fenced extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Fenced(String detail) {
      super("fenced: " + detail, null, false, false);
    }
  }
}
