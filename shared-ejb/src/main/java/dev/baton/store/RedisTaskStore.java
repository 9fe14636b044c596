package dev.baton.store;

import dev.baton.json.Jsonp;
import dev.baton.store.LuaScripts.Script;
import dev.baton.task.AttemptOutcome;
import dev.baton.task.CancelResult;
import dev.baton.task.Claim;
import dev.baton.task.ClaimResult;
import dev.baton.task.DispatchOrder;
import dev.baton.task.DuplicateTaskException;
import dev.baton.task.IllegalTransitionException;
import dev.baton.task.MigrationRequest;
import dev.baton.task.Move;
import dev.baton.task.NewTask;
import dev.baton.task.Page;
import dev.baton.task.Reconciliation;
import dev.baton.task.RetryPolicy;
import dev.baton.task.TaskDependencies;
import dev.baton.task.TaskLimits;
import dev.baton.task.TaskQuery;
import dev.baton.task.TaskRecord;
import dev.baton.task.TaskStats;
import dev.baton.task.TaskStatus;
import dev.baton.task.Transition;
import dev.baton.task.WriteResult;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.params.ZAddParams;

/**
 * Task state in Redis, the single source of truth. Every change of state is one Lua script that checks
 * the transition table and, for a worker's writes, the epoch.
 */
public class RedisTaskStore {
  private final Redis redis;
  private final RedisKeys keys;

  private final RedisClaims claims;
  private final RedisOutcomes outcomes;

  public RedisTaskStore(Redis redis) {
    this.claims = new RedisClaims(redis);
    this.outcomes = new RedisOutcomes(redis);
    this.redis = redis;
    this.keys = redis.keys();
  }

  /**
   * Creates all tasks or none.
   *
   * @param dispatchTimeout when to send a task again if no worker has claimed it by then
   * @return the creation time of the batch, and the tasks that moved on from WAITING at once (their parents
   *     had completed, failed or been cancelled)
   * @throws DuplicateTaskException if one of the ids exists; nothing is written then
   * @throws UnknownParentException if a task depends on one that does not exist; nothing is written then
   */
  public Created create(List<NewTask> tasks, Duration dispatchTimeout) {
    return create(tasks, dispatchTimeout, -1);
  }

  /**
   * The same, refused with {@link BusyException} (nothing written) if more than {@code maxPending} accepted
   * tasks would wait to start (CREATED, WAITING or SCHEDULED) afterwards; -1: no limit.
   */
  public Created create(List<NewTask> tasks, Duration dispatchTimeout, long maxPending) {
    List<String> args = new ArrayList<>(tasks.size() * 12 + 2);
    args.add(Long.toString(dispatchTimeout.toMillis()));
    args.add(Long.toString(maxPending));
    for (NewTask t : tasks) {
      List<String> fields = new ArrayList<>(6);
      fields.add("priority");
      fields.add(Integer.toString(t.priority()));
      fields.addAll(storedFields(t));
      args.add(t.id());
      args.add(t.type());
      args.add(t.status().name());
      args.add(t.status() == TaskStatus.SCHEDULED ? Long.toString(t.runAt().toEpochMilli()) : "");
      args.add(Integer.toString(fields.size() / 2));
      args.addAll(fields);
    }
    List<?> reply = (List<?>) redis.eval(Script.CREATE, args);
    return switch (str(reply, 0)) {
      case "ok" -> {
        Map<String, TaskStatus> moved = new HashMap<>();
        List<?> m = (List<?>) reply.get(2);
        for (int i = 0; i + 1 < m.size(); i += 2) {
          moved.put(str(m, i), TaskStatus.valueOf(str(m, i + 1)));
        }
        Map<String, String> existing = new HashMap<>();
        List<?> e = (List<?>) reply.get(3);
        for (int i = 0; i + 1 < e.size(); i += 2) {
          existing.put(str(e, i), str(e, i + 1));
        }
        java.util.Set<String> parked = new java.util.HashSet<>();
        for (Object id : (List<?>) reply.get(4)) {
          parked.add(String.valueOf(id));
        }
        yield new Created(Instant.ofEpochMilli(Long.parseLong(str(reply, 1))), moved, existing, parked);
      }
      case "exists" -> throw new DuplicateTaskException(str(reply, 1));
      case "unknown_parent" -> throw new UnknownParentException(str(reply, 1), str(reply, 2));
      case "busy" -> throw new BusyException(Long.parseLong(str(reply, 1)));
      case "idempotency_conflict" -> throw new IdempotencyConflictException(str(reply, 1), str(reply, 2), str(reply, 3));
      default -> throw new IllegalStateException("create refused: " + reply);
    };
  }

  /** A new task's fields as stored (besides id, type, status and priority), as field/value pairs. */
  static List<String> storedFields(NewTask t) {
    List<String> fields = new ArrayList<>(8);
    fields.add("data");
    fields.add(t.data());
    if (t.checkpointIntervalS() != null) {
      fields.add("checkpoint_interval_s");
      fields.add(t.checkpointIntervalS().toString());
    }
    t.retry().asFields().forEach((k, v) -> {
      fields.add(k);
      fields.add(v);
    });
    t.limits().asFields().forEach((k, v) -> {
      fields.add(k);
      fields.add(v);
    });
    if (t.runAt() != null) {
      fields.add("run_at");
      fields.add(Long.toString(t.runAt().toEpochMilli()));
    }
    if (!t.dependsOn().isEmpty()) {
      fields.add("depends_on");
      fields.add(TaskDependencies.asJson(t.dependsOn()));
    }
    if (t.meta().label() != null) {
      fields.add("label");
      fields.add(t.meta().label());
      fields.add("label_words");
      fields.add(String.join(" ", dev.baton.task.TaskMeta.words(t.meta().label())));
    }
    if (!t.meta().queue().equals(dev.baton.task.Queues.DEFAULT)) {
      fields.add("queue");
      fields.add(t.meta().queue());
    }
    if (t.meta().critical()) {
      fields.add("critical");
      fields.add("1");
    }
    if (t.meta().owner() != null) {
      fields.add("owner");
      fields.add(t.meta().owner());
    }
    if (t.meta().idempotencyKey() != null) {
      fields.add("idempotency_key");
      fields.add(t.meta().idempotencyKey());
      fields.add("request_hash");
      fields.add(t.meta().requestHash());
    }
    return fields;
  }

  public Optional<TaskRecord> find(String id) {
    Map<String, String> hash = redis.read(c -> c.hgetAll(keys.task(id)));
    return hash.isEmpty() ? Optional.empty() : Optional.of(toRecord(hash));
  }

  /** The user who submitted the task, or null (none, or no such task). */
  public String ownerOf(String id) {
    return redis.read(c -> c.hget(keys.task(id), "owner"));
  }

  public List<Transition> history(String id) {
    List<Transition> history = new ArrayList<>();
    for (String entry : redis.read(c -> c.lrange(keys.history(id), 0, -1))) {
      JsonObject o = Jsonp.parseObject(entry);
      history.add(
          new Transition(
              o.containsKey("from") ? TaskStatus.valueOf(o.getString("from")) : null,
              TaskStatus.valueOf(o.getString("to")),
              Instant.ofEpochMilli(o.getJsonNumber("at").longValue()),
              o.getJsonNumber("epoch").longValue(),
              o.get("worker") instanceof JsonString w ? w.getString() : null,
              o.get("reason") instanceof JsonString r ? r.getString() : null));
    }
    return history;
  }

  /**
   * A page of tasks matching every filter given, in the order asked for, and the number of all matches. In
   * several statuses (disjoint sets), each status's first {@code offset + limit} are read and merged.
   */
  public Page<TaskRecord> list(TaskQuery query) {
    if (query.statuses().size() <= 1) {
      return listIn(query.statuses().isEmpty() ? null : query.statuses().iterator().next(), query, query.offset(), query.limit());
    }
    int depth = query.offset() + query.limit();
    if (depth > TaskQuery.MAX_MERGED_DEPTH) {
      throw new IllegalArgumentException("a listing in several statuses pages at most " + TaskQuery.MAX_MERGED_DEPTH + " deep");
    }
    long total = 0;
    List<TaskRecord> merged = new ArrayList<>();
    for (TaskStatus s : query.statuses()) {
      Page<TaskRecord> p = listIn(s, query, 0, depth);
      total += p.total();
      merged.addAll(p.items());
    }
    merged.sort(inOrder(query));
    List<TaskRecord> page = merged.subList(Math.min(merged.size(), query.offset()), Math.min(merged.size(), depth));
    return new Page<>(List.copyOf(page), total, query.offset(), query.limit());
  }

  /** The order of list.lua: by the order's value, then oldest first (created: by creation time alone). */
  private static java.util.Comparator<TaskRecord> inOrder(TaskQuery q) {
    java.util.Comparator<TaskRecord> byCreated = java.util.Comparator.comparing(TaskRecord::createdAt);
    java.util.Comparator<TaskRecord> c =
        switch (q.order()) {
          case CREATED -> byCreated;
          case PRIORITY -> java.util.Comparator.<TaskRecord>comparingInt(TaskRecord::priority).thenComparing(byCreated.reversed());
          case PROGRESS -> java.util.Comparator.<TaskRecord>comparingInt(TaskRecord::progress).thenComparing(byCreated.reversed());
        };
    c = c.thenComparing(TaskRecord::id);
    return q.descending() ? c.reversed() : c;
  }

  private Page<TaskRecord> listIn(TaskStatus status, TaskQuery query, int offset, int limit) {
    List<String> args = new ArrayList<>();
    args.add(Integer.toString(offset));
    args.add(Integer.toString(limit));
    args.add(query.order().name().toLowerCase(java.util.Locale.ROOT));
    args.add(query.descending() ? "desc" : "asc");
    // q: the start of an id, or the starts of words of the label (every word of q)
    String q = query.idPrefix() == null ? "" : query.idPrefix().toLowerCase(java.util.Locale.ROOT);
    args.add(q.matches("[0-9a-f-]{1,36}") ? q : "");
    args.add(String.join(" ", dev.baton.task.TaskMeta.words(q)));
    args.add(query.after() == null ? "" : Long.toString(query.after().score()));
    args.add(query.after() == null ? "" : query.after().id());
    if (status != null) {
      args.add(keys.byStatus(status));
    }
    if (query.type() != null) {
      args.add(keys.byType(query.type()));
    }
    if (query.workerId() != null) {
      args.add(keys.byWorker(query.workerId()));
    }
    if (query.queue() != null) {
      args.add(keys.byQueue(query.queue()));
    }
    if (query.owner() != null) {
      args.add(keys.byOwner(query.owner()));
    }
    List<?> reply = (List<?>) redis.evalReadOnly(Script.LIST, args);
    long total = ((Number) reply.get(0)).longValue();
    List<TaskRecord> items = new ArrayList<>();
    for (Object row : (List<?>) reply.get(1)) {
      items.add(toRecord(flatToMap((List<?>) row)));
    }
    return new Page<>(items, total, offset, limit);
  }

  /**
   * Adds tasks stored before the lookup indexes (by priority, by id prefix) existed to them, a chunk per
   * call, so that an upgraded installation never blocks Redis for long.
   *
   * @return the number of tasks added
   */
  public long indexForLookups() {
    if (redis.read(c -> c.zcard(keys.ids()) == c.zcard(keys.allTasks()))) {
      return 0;
    }
    long added = 0;
    for (long from = 0; from >= 0; ) {
      List<?> r = (List<?>) redis.eval(Script.INDEX, List.of(Long.toString(from), "1000"));
      from = ((Number) r.get(0)).longValue();
      added += ((Number) r.get(1)).longValue();
    }
    return added;
  }

  /** Counts per status, running totals and completions in each of the last {@code windowSeconds}. */
  public TaskStats stats(int windowSeconds) {
    List<String> args = new ArrayList<>();
    args.add(Integer.toString(windowSeconds));
    for (TaskStatus s : TaskStatus.values()) {
      args.add(s.name());
    }
    List<?> r = (List<?>) redis.evalReadOnly(Script.STATS, args);
    Map<TaskStatus, Long> byStatus = new EnumMap<>(TaskStatus.class);
    List<?> counts = (List<?>) r.get(2);
    for (int i = 0; i + 1 < counts.size(); i += 2) {
      byStatus.put(TaskStatus.valueOf(str(counts, i)), ((Number) counts.get(i + 1)).longValue());
    }
    Map<String, Long> totals = new HashMap<>();
    List<?> t = (List<?>) r.get(3);
    for (int i = 0; i + 1 < t.size(); i += 2) {
      totals.put(str(t, i), Long.parseLong(str(t, i + 1)));
    }
    List<Long> perSecond = ((List<?>) r.get(0)).stream().map(n -> ((Number) n).longValue()).toList();
    return new TaskStats(byStatus, perSecond, ((Number) r.get(1)).longValue(), totals);
  }

  /** A worker claims a task it received; on success the epoch is bumped and the worker owns the task. */
  public ClaimResult claim(String taskId, String workerId, long expectedEpoch) {
    return claims.claim(taskId, workerId, expectedEpoch);
  }

  /**
   * The owner reports progress, and a checkpoint if {@code checkpointJson} is not null. Fenced by the epoch.
   */
  public WriteResult report(String taskId, long epoch, int progress, String message, String checkpointJson, String workerId) {
    List<?> r =
        (List<?>)
            redis.eval(
                Script.REPORT,
                List.of(
                    taskId,
                    Long.toString(epoch),
                    Integer.toString(progress),
                    message == null ? "" : message,
                    checkpointJson == null ? "" : checkpointJson,
                    workerId));
    return writeResult(r, epoch);
  }

  /** The owner records the outcome: COMPLETED with a result, or FAILED with an error (no retry). Fenced by the epoch. */
  public WriteResult finish(String taskId, long epoch, TaskStatus outcome, String resultOrError, String workerId) {
    if (outcome != TaskStatus.COMPLETED && outcome != TaskStatus.FAILED) {
      throw new IllegalArgumentException("not an outcome: " + outcome);
    }
    return finish(taskId, epoch, outcome.name(), resultOrError, workerId, null);
  }

  /**
   * The owner records a failed attempt: RETRYING after {@code retryIn} if the task has retries left (its
   * policy's delay, computed by the caller from {@link Claim#nextRetryDelay}), else FAILED. The returned
   * result's status says which.
   *
   * @param retryIn {@code null} for no retry
   * @param requested the handler asked for the retry itself (with its own delay), rather than failed
   */
  public WriteResult failAttempt(String taskId, long epoch, String error, String workerId, Duration retryIn, boolean requested) {
    return finish(taskId, epoch, requested ? "RETRY" : "FAILED", error, workerId, retryIn);
  }

  private WriteResult finish(String taskId, long epoch, String outcome, String payload, String workerId, Duration retryIn) {
    return outcomes.record(new AttemptOutcome(taskId, epoch, AttemptOutcome.Kind.valueOf(outcome), payload, workerId, retryIn));
  }

  /** The owner stopped the task at a step boundary because it was cancelled; {@code where} says where. */
  public WriteResult finishCancelled(String taskId, long epoch, String where, String workerId) {
    return finish(taskId, epoch, "CANCELLED", where, workerId, null);
  }

  /**
   * Cancels a task (see cancel.lua): at once if no worker owns it, else by asking its owner to stop, with
   * a timer that cancels it anyway after {@code grace}.
   */
  public CancelResult cancel(String taskId, String reason, String actor, Duration grace) {
    List<?> r = (List<?>) redis.eval(Script.CANCEL, List.of(taskId, reason, actor, Long.toString(grace.toMillis())));
    return switch (str(r, 0)) {
      case "cancelled" -> new CancelResult(CancelResult.Outcome.CANCELLED, null, Long.parseLong(str(r, 1)), null);
      case "requested" -> new CancelResult(CancelResult.Outcome.REQUESTED, null, Long.parseLong(str(r, 1)), emptyToNull(str(r, 2)));
      case "final" -> new CancelResult(CancelResult.Outcome.FINAL, TaskStatus.valueOf(str(r, 1)), 0, null);
      case "missing" -> new CancelResult(CancelResult.Outcome.MISSING, null, 0, null);
      default -> throw new IllegalStateException("cancel: unexpected reply " + r);
    };
  }

  /**
   * Requeues FAILED and DEAD tasks for a new attempt (see requeue.lua); the others are refused with their
   * status ({@code MISSING} for unknown ids).
   *
   * @return the requeued tasks' orders (send them) and the refused ids with their status
   */
  public Requeued requeue(Collection<String> taskIds, String reason, String actor, Duration dispatchTimeout) {
    List<String> args = new ArrayList<>(taskIds.size() + 3);
    args.add(reason);
    args.add(actor);
    args.add(Long.toString(dispatchTimeout.toMillis()));
    args.addAll(taskIds);
    List<?> r = (List<?>) redis.eval(Script.REQUEUE, args);
    List<DispatchOrder> done = new ArrayList<>();
    for (Object o : (List<?>) r.get(0)) {
      List<?> f = (List<?>) o;
      done.add(order(f));
    }
    Map<String, String> refused = new java.util.LinkedHashMap<>();
    for (Object o : (List<?>) r.get(1)) {
      List<?> f = (List<?>) o;
      refused.put(str(f, 0), str(f, 1));
    }
    return new Requeued(done, refused);
  }

  /**
   * Deletes finished tasks for good, each with all its keys and index entries (see forget.lua); the others
   * are refused with their status ({@code MISSING} for unknown ids).
   */
  public Deleted delete(Collection<String> taskIds, String reason, String actor) {
    List<String> args = new ArrayList<>(taskIds.size() + 2);
    args.add(reason);
    args.add(actor);
    args.addAll(taskIds);
    List<?> r = (List<?>) redis.eval(Script.FORGET, args);
    Map<String, String> refused = new java.util.LinkedHashMap<>();
    for (Object o : (List<?>) r.get(1)) {
      List<?> f = (List<?>) o;
      refused.put(str(f, 0), str(f, 1));
    }
    return new Deleted(((Number) r.get(0)).intValue(), refused);
  }

  /**
   * One pass of retention (see retention.lua): removes up to {@code limit} finished tasks, oldest finished
   * first: those finished at or before {@code finishedBy} (of {@code status}, or of any if null), then the
   * oldest beyond the newest {@code keep} finished ones (-1: no such limit).
   *
   * @param skip tasks finished by the cutoff to pass over (those of another status earlier passes examined)
   */
  public RetentionPass removeFinished(
      Instant finishedBy, long keep, TaskStatus status, long skip, int limit, String reason, String actor) {
    List<?> r =
        (List<?>)
            redis.eval(
                Script.RETENTION,
                List.of(
                    Long.toString(finishedBy.toEpochMilli()),
                    Long.toString(keep),
                    status == null ? "" : status.name(),
                    Long.toString(skip),
                    Integer.toString(limit),
                    reason,
                    actor));
    return new RetentionPass(((Number) r.get(0)).intValue(), ((Number) r.get(1)).intValue(), ((Number) r.get(2)).longValue() == 1);
  }

  /**
   * Removes every finished task of {@code status} (any final status if null) that finished at or before
   * {@code finishedBy}, {@code chunk} per atomic step, oldest first.
   *
   * @return how many were removed
   */
  public long purge(TaskStatus status, Instant finishedBy, int chunk, String reason, String actor) {
    long deleted = 0;
    long skip = 0;
    RetentionPass pass;
    do {
      pass = removeFinished(finishedBy, -1, status, skip, chunk, reason, actor);
      deleted += pass.deleted();
      skip += pass.passedOver();
    } while (pass.more());
    return deleted;
  }

  /** The ids of the tasks that depend on this one. */
  public java.util.Set<String> dependentsOf(String id) {
    return redis.read(c -> c.smembers(keys.dependents(id)));
  }

  /** How many tasks have finished and are still kept. */
  public long finishedCount() {
    return redis.read(c -> c.zcard(keys.finished()));
  }

  /**
   * Adds tasks that finished before the index of finished tasks existed to it, a chunk per call.
   *
   * @return the number of tasks added
   */
  public long indexFinished() {
    long inFinalStatus = 0;
    for (TaskStatus s : TaskStatus.values()) {
      if (s.isFinal()) {
        inFinalStatus += redis.read(c -> c.zcard(keys.byStatus(s)));
      }
    }
    if (inFinalStatus == finishedCount()) {
      return 0;
    }
    long added = 0;
    for (TaskStatus s : TaskStatus.values()) {
      if (s.isFinal()) {
        for (long from = 0; from >= 0; ) {
          List<?> r = (List<?>) redis.eval(Script.INDEX_FINISHED, List.of(s.name(), Long.toString(from), "1000"));
          from = ((Number) r.get(0)).longValue();
          added += ((Number) r.get(1)).longValue();
        }
      }
    }
    return added;
  }

  /** Arms a timer of a kind the manager handles (see timers.lua) for {@code at}; {@code onlyIfAbsent}: unless it exists. */
  public void armTimer(String member, Instant at, boolean onlyIfAbsent) {
    ZAddParams p = ZAddParams.zAddParams();
    if (onlyIfAbsent) {
      p.nx();
    }
    redis.call(c -> c.zadd(keys.timers(), at.toEpochMilli(), member, p));
  }

  /**
   * The manager's fallback for a hard time limit (see limit.lua): fails the attempt of a task still running
   * past its limit and a grace period, fencing its worker; re-arms the timer of a task not yet past it.
   *
   * @param retryIn the delay before the next attempt if the task has a retry left (its policy's), else null
   * @param grace how long past the limit the worker had to stop the task itself
   * @return the task's new status if its attempt was failed here, else empty
   */
  public Optional<TaskStatus> enforceTimeLimit(String taskId, Duration retryIn, Duration grace) {
    List<?> r =
        (List<?>)
            redis.eval(
                Script.LIMIT, List.of(taskId, retryIn == null ? "" : Long.toString(retryIn.toMillis()), Long.toString(grace.toMillis())));
    return "failed".equals(str(r, 0)) ? Optional.of(TaskStatus.valueOf(str(r, 1))) : Optional.empty();
  }

  /** Up to {@code limit} ids in one status, oldest first. */
  public List<String> idsIn(TaskStatus status, int limit) {
    return redis.read(c -> c.zrange(keys.byStatus(status), 0, limit - 1));
  }

  /**
   * Takes the due timers (see timers.lua): wakes the SCHEDULED and RETRYING tasks whose time has come
   * (they are CREATED when this returns; send them now) and leases the other due timers to the caller.
   *
   * @param lease how long a leased timer stays with this caller before another may take it
   */
  public DueTimers takeDueTimers(int limit, Duration lease, Duration dispatchTimeout) {
    List<?> r =
        (List<?>)
            redis.eval(
                Script.TIMERS,
                List.of(Integer.toString(limit), Long.toString(lease.toMillis()), Long.toString(dispatchTimeout.toMillis())));
    List<DispatchOrder> send = new ArrayList<>();
    for (Object o : (List<?>) r.get(0)) {
      List<?> f = (List<?>) o;
      send.add(order(f));
    }
    List<DueTimers.Leased> leased = new ArrayList<>();
    for (Object o : (List<?>) r.get(1)) {
      List<?> f = (List<?>) o;
      leased.add(new DueTimers.Leased(str(f, 0), Instant.ofEpochMilli((long) Double.parseDouble(str(f, 1)))));
    }
    long next = ((Number) r.get(2)).longValue();
    return new DueTimers(send, leased, next < 0 ? null : Instant.ofEpochMilli(next));
  }

  /** Applies a manager's transition; refused as FENCED if the task is not in the expected state or epoch. */
  public WriteResult move(Move move) {
    List<?> r =
        (List<?>)
            redis.eval(
                Script.MOVE,
                List.of(
                    move.taskId(),
                    move.to().name(),
                    move.expectedEpoch() == null ? "" : move.expectedEpoch().toString(),
                    move.onlyFrom().stream().map(Enum::name).collect(java.util.stream.Collectors.joining(",")),
                    move.fence() ? "1" : "0",
                    move.reason(),
                    move.actor(),
                    move.dispatchAfter() == null ? "" : Long.toString(move.dispatchAfter().toMillis())));
    return switch (str(r, 0)) {
      case "ok" -> new WriteResult(WriteResult.Outcome.OK, move.to(), "moved from " + str(r, 2) + ", epoch " + str(r, 1));
      case "illegal" -> throw new IllegalTransitionException(TaskStatus.valueOf(str(r, 1)), TaskStatus.valueOf(str(r, 2)));
      default -> writeResult(r, move.expectedEpoch() == null ? -1 : move.expectedEpoch());
    };
  }

  /**
   * Asks a RUNNING task to migrate to {@code target}; its owner releases it at its next safe point.
   *
   * @param timeout after this the manager forces the release
   */
  public MigrationRequest requestMigration(String taskId, String target, Duration timeout, String reason, String actor) {
    List<?> r =
        (List<?>) redis.eval(Script.MIGRATE, List.of(taskId, target, Long.toString(timeout.toMillis()), reason, actor));
    return switch (str(r, 0)) {
      case "ok" -> new MigrationRequest(MigrationRequest.Outcome.REQUESTED, Long.parseLong(str(r, 1)), str(r, 2), null);
      case "missing" -> new MigrationRequest(MigrationRequest.Outcome.MISSING, 0, null, null);
      case "not_running" -> new MigrationRequest(MigrationRequest.Outcome.NOT_RUNNING, 0, null, TaskStatus.valueOf(str(r, 1)));
      case "same_worker" -> new MigrationRequest(MigrationRequest.Outcome.SAME_WORKER, 0, str(r, 1), null);
      case "target_gone" -> new MigrationRequest(MigrationRequest.Outcome.TARGET_GONE, 0, null, null);
      default -> throw new IllegalStateException("migrate: unexpected reply " + r);
    };
  }

  /**
   * Hands a MIGRATING task over to its target: by its owner with a final checkpoint ({@code epoch} given),
   * or forced by the manager after the deadline ({@code epoch} null, the last checkpoint stands). The epoch
   * moves on, fencing the source.
   *
   * @return the targeted dispatch to send, or empty if the task was not (any more) waiting for a release
   */
  public Optional<DispatchOrder> release(
      String taskId, Long epoch, String checkpointJson, int progress, String actor, String reason, Duration redispatchTimeout) {
    List<?> r =
        (List<?>)
            redis.eval(
                Script.RELEASE,
                List.of(
                    taskId,
                    epoch == null ? "" : epoch.toString(),
                    checkpointJson == null ? "" : checkpointJson,
                    Integer.toString(progress),
                    actor,
                    reason,
                    Long.toString(redispatchTimeout.toMillis())));
    if (!"ok".equals(str(r, 0))) {
      return Optional.empty(); // not waiting for a release any more, or parked by its stopped queue
    }
    return Optional.of(
        new DispatchOrder(taskId, Long.parseLong(str(r, 1)), str(r, 3), Integer.parseInt(str(r, 4)), emptyToNull(str(r, 2)), 0, str(r, 5)));
  }

  /**
   * A task to send, as the scripts answer it: {@code {id, epoch, type, priority, target or '', queue,
   * dispatch number}}, the last three optional.
   */
  static DispatchOrder order(List<?> row) {
    return new DispatchOrder(
        str(row, 0),
        Long.parseLong(str(row, 1)),
        str(row, 2),
        Integer.parseInt(str(row, 3)),
        row.size() > 4 ? emptyToNull(str(row, 4)) : null,
        row.size() > 6 ? Integer.parseInt(str(row, 6)) : 0,
        row.size() > 5 ? str(row, 5) : dev.baton.task.Queues.DEFAULT);
  }

  /** Migrations whose source has not released the task by the deadline. */
  public List<String> overdueMigrations(int limit) {
    List<String> ids = new ArrayList<>();
    for (Object o : (List<?>) redis.eval(Script.OVERDUE, List.of(Integer.toString(limit)))) {
      ids.add(String.valueOf(o));
    }
    return ids;
  }

  /**
   * Repairs what a crash could leave between states: waiting tasks missing from the dispatch schedule,
   * tasks owned by a worker that is gone.
   *
   * @param grace how long after its lease ended a silent owner still counts as alive
   */
  public Reconciliation reconcile(int maxRecoveries, Duration grace) {
    List<?> r = (List<?>) redis.eval(Script.RECONCILE, List.of(Integer.toString(maxRecoveries), Long.toString(grace.toMillis())));
    List<String> owners = ((List<?>) r.get(2)).stream().map(String::valueOf).distinct().toList();
    return new Reconciliation(((Number) r.get(0)).intValue(), ((Number) r.get(1)).intValue(), owners);
  }

  /**
   * Takes up to {@code limit} tasks whose send is due (never claimed within the timeout, or the last send
   * failed) and pushes their next deadline out, with backoff.
   */
  public List<DispatchOrder> takeDueDispatches(int limit, Duration timeout) {
    List<?> reply = (List<?>) redis.eval(Script.DUE, List.of(Integer.toString(limit), Long.toString(timeout.toMillis())));
    List<DispatchOrder> orders = new ArrayList<>(reply.size());
    for (Object o : reply) {
      orders.add(order((List<?>) o));
    }
    return orders;
  }

  /** A send failed: try these tasks again after {@code delay} instead of the full timeout. */
  public void retrySendLater(Collection<String> taskIds, Duration delay) {
    if (taskIds.isEmpty()) {
      return;
    }
    List<String> args = new ArrayList<>(taskIds.size() + 1);
    args.add(Long.toString(delay.toMillis()));
    args.addAll(taskIds);
    redis.eval(Script.RETRY_SEND, args);
  }

  static WriteResult writeResult(List<?> r, long epoch) {
    return switch (str(r, 0)) {
      case "ok" -> new WriteResult(WriteResult.Outcome.OK, r.size() > 1 ? TaskStatus.valueOf(str(r, 1)) : null, "ok", "1".equals(str(r, 2)));
      case "missing" -> new WriteResult(WriteResult.Outcome.MISSING, null, "no such task");
      case "stale" ->
          new WriteResult(
              WriteResult.Outcome.FENCED,
              TaskStatus.valueOf(str(r, 1)),
              "task is " + str(r, 1) + " at epoch " + str(r, 2) + ", writer has epoch " + epoch);
      default -> throw new IllegalStateException("unexpected reply " + r);
    };
  }

  static TaskRecord toRecord(Map<String, String> h) {
    return new TaskRecord(
        h.get("id"),
        h.get("type"),
        TaskStatus.valueOf(h.get("status")),
        intOf(h, "priority"),
        h.getOrDefault("data", "{}"),
        intOf(h, "progress"),
        emptyToNull(h.get("progress_message")),
        emptyToNull(h.get("worker_id")),
        longOf(h, "epoch"),
        intOf(h, "attempt"),
        instantOf(h, "created_at"),
        instantOf(h, "updated_at"),
        instantOf(h, "started_at"),
        instantOf(h, "finished_at"),
        h.get("result"),
        h.get("error"),
        h.get("checkpoint_data"),
        instantOf(h, "last_checkpoint_at"),
        intOf(h, "checkpoints"),
        h.containsKey("checkpoint_interval_s") ? Integer.valueOf(h.get("checkpoint_interval_s")) : null,
        intOf(h, "dispatches"),
        RetryPolicy.of(h.get("max_retries"), h.get("retry_backoff"), h.get("retry_delay_ms"), h.get("retry_max_delay_ms")),
        intOf(h, "retries"),
        instantOf(h, "wake_at"),
        instantOf(h, "run_at"),
        TaskLimits.of(h.get("time_limit_s"), h.get("soft_time_limit_s"), h.get("expires_at")),
        TaskDependencies.of(h.get("depends_on"), h.get("parents_left"), h.get("parent_results")),
        h.get("label"),
        h.getOrDefault("queue", dev.baton.task.Queues.DEFAULT),
        h.get("parked_reason"),
        "1".equals(h.get("critical")),
        h.get("owner"));
  }

  private static Map<String, String> flatToMap(List<?> flat) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i + 1 < flat.size(); i += 2) {
      map.put(String.valueOf(flat.get(i)), String.valueOf(flat.get(i + 1)));
    }
    return map;
  }

  private static int intOf(Map<String, String> h, String field) {
    String v = h.get(field);
    return v == null || v.isEmpty() ? 0 : Integer.parseInt(v);
  }

  static long longOf(Map<String, String> h, String field) {
    String v = h.get(field);
    return v == null || v.isEmpty() ? 0 : Long.parseLong(v);
  }

  static Instant instantOf(Map<String, String> h, String field) {
    String v = h.get(field);
    return v == null || v.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(v));
  }

  static String str(List<?> reply, int index) {
    Object o = reply.size() > index ? reply.get(index) : null;
    return o == null ? "" : o instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : o.toString();
  }

  static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
