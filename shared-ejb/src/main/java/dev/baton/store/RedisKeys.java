package dev.baton.store;

import dev.baton.task.TaskStatus;

/**
 * Every Redis key Baton uses, in one place. The Lua scripts get the same layout through {@link
 * #asLuaPrelude()}, so a key is spelled once.
 *
 * <p>All keys share a prefix ({@code baton:} by default) so that tests and several Baton installations can
 * share one Redis.
 */
public final class RedisKeys {
  private final String prefix;

  public RedisKeys(String prefix) {
    this.prefix = prefix;
  }

  public String prefix() {
    return prefix;
  }

  /** Hash: the task's fields (status, epoch, data, checkpoint, result, ...). */
  public String task(String id) {
    return prefix + "task:" + id;
  }

  /** List: the task's state history, one JSON object per transition. */
  public String history(String id) {
    return prefix + "task:" + id + ":history";
  }

  /** Set: the ids of the tasks that depend on this one (their {@code depends_on} names it). */
  public String dependents(String id) {
    return prefix + "task:" + id + ":dependents";
  }

  /** String: the id of the task a submitter's idempotency key created (kept as long as the task). */
  public String idempotency(String key) {
    return prefix + "idem:" + key;
  }

  /** Sorted set (score 0) of {@code <word>\t<task id>} for each word of each task's label: search by word start. */
  public String labels() {
    return prefix + "tasks:labels";
  }

  /** Sorted set of all task ids by creation time. */
  public String allTasks() {
    return prefix + "tasks:all";
  }

  /** Sorted set of the ids in one status, by creation time. */
  public String byStatus(TaskStatus status) {
    return byStatus(status.name());
  }

  private String byStatus(String status) {
    return prefix + "tasks:status:" + status;
  }

  /**
   * Sorted set of all task ids in the order the broker hands them out: by priority, then oldest first.
   * The score is {@code priority * 1e13 + (1e13 - 1 - created_ms)}; a task's priority never changes.
   */
  public String byPriority() {
    return prefix + "tasks:priority";
  }

  /**
   * Sorted set of all task ids by progress, then oldest first: {@code progress * 1e13 + (1e13 - 1 -
   * created_ms)}, kept up to date by every script that changes a task's progress.
   */
  public String byProgress() {
    return prefix + "tasks:progress";
  }

  /** Sorted set of all task ids with score 0, for lookups by id prefix (ZRANGEBYLEX). */
  public String ids() {
    return prefix + "tasks:ids";
  }

  /**
   * Sorted set of the ids of the finished tasks (in a final status), by when they finished (ms): what
   * retention removes, oldest first. Kept by the one status change (lib.lua's change).
   */
  public String finished() {
    return prefix + "tasks:finished";
  }

  /** Sorted set of the ids of one type, by creation time. */
  public String byType(String type) {
    return prefix + "tasks:type:" + type;
  }

  /** Sorted set of the ids of one owner's tasks, by creation time (a listing's filter for viewers and operators). */
  public String byOwner(String owner) {
    return prefix + "tasks:owner:" + owner;
  }

  /** Sorted set of the ids of one named queue, by creation time. */
  public String byQueue(String queue) {
    return prefix + "tasks:queue:" + queue;
  }

  /** Sorted set of the ids last owned by a worker, by creation time. */
  public String byWorker(String workerId) {
    return prefix + "tasks:worker:" + workerId;
  }

  /** Set of the ids a worker owns right now (ASSIGNED, RUNNING or MIGRATING). */
  public String workerActive(String workerId) {
    return prefix + "worker:" + workerId + ":tasks";
  }

  /** Sorted set: tasks to (re)send to the broker, scored by when the next send is due (ms). */
  public String dispatchDue() {
    return prefix + "dispatch:due";
  }

  /** Sorted set: migrations waiting for their source to release, scored by deadline (ms). */
  public String migrations() {
    return prefix + "migrations";
  }

  /**
   * Sorted set: every timer Baton keeps (a task's next attempt or run_at, ...), scored by when it is due
   * (ms). Members are {@code kind:subject}, e.g. {@code wake:<task id>}.
   */
  public String timers() {
    return prefix + "timers";
  }

  /** Hash: one periodic schedule (cron, time zone, the task it creates, next and last fire). */
  public String schedule(String name) {
    return prefix + "schedule:" + name;
  }

  /** Sorted set of schedule names, by creation time. */
  public String schedules() {
    return prefix + "schedules";
  }

  /** Hash: one user (role, password hash, created_at, updated_at). */
  public String user(String name) {
    return prefix + "user:" + name;
  }

  /** Sorted set of user names, by creation time. */
  public String users() {
    return prefix + "users";
  }

  /** Hash: one API token (id, name, owner, role, created_at, expires_at), under the SHA-256 of its secret; expires with it. */
  public String token(String secretHash) {
    return prefix + "token:" + secretHash;
  }

  /** Hash (count, last): failed password checks for one user or one address ({@code who}), forgotten after a quiet while. */
  public String loginFailures(String who) {
    return prefix + "authfail:" + who;
  }

  /** String: the user a console login cookie stands for, under the SHA-256 of the cookie; expires with it. */
  public String login(String secretHash) {
    return prefix + "login:" + secretHash;
  }

  /**
   * Counter: raised by every change of users and tokens; each process watches it and checks every credential, session
   * and open stream again when it moves (AccountsWatch).
   */
  public String accountsVersion() {
    return prefix + "accounts:version";
  }

  /** Hash: token id -> the SHA-256 of its secret (how a token is listed and revoked without its secret). */
  public String tokens() {
    return prefix + "tokens";
  }

  /** Hash: one webhook (url, events, secret, created_at). */
  public String webhook(String id) {
    return prefix + "webhook:" + id;
  }

  /** Sorted set of webhook ids, by creation time. */
  public String webhooks() {
    return prefix + "webhooks";
  }

  /** Set: the hosts (or host:port) on loopback, private or link-local addresses that webhooks may point at. */
  public String webhookAllowedHosts() {
    return prefix + "webhooks:allowed-hosts";
  }

  /** List: a webhook's newest deliveries (JSON), newest first, capped. */
  public String webhookDeliveries(String id) {
    return prefix + "webhook:" + id + ":deliveries";
  }

  /**
   * Hash: one named queue's state ({@code state}: active, paused or stopped) and limits ({@code
   * concurrency}, {@code rate_max} per {@code rate_per_ms}); absent for a queue nobody configured.
   */
  public String queue(String name) {
    return prefix + "queue:" + name;
  }

  /** Sorted set of the queue names ever used or configured, by when first seen (ms). */
  public String queues() {
    return prefix + "queues";
  }

  /**
   * Hash: a queue's tasks per status (kept by every status change) and its completion totals ({@code
   * completed}, {@code wait_ms}, {@code run_ms}: sums over the completed tasks).
   */
  public String queueCounts(String name) {
    return prefix + "queue:" + name + ":counts";
  }

  /**
   * Sorted set: the tasks its queue holds back (paused, stopped, at its concurrency or rate limit), in
   * dispatch order (the score of {@link #byPriority()}, highest first). They are sent when the queue lets them.
   */
  public String queueParked(String name) {
    return prefix + "queue:" + name + ":parked";
  }

  /** Sorted set of a rate-limited queue's starts within its window ({@code <id>:<epoch>}, scored by ms). */
  public String queueStarts(String name) {
    return prefix + "queue:" + name + ":starts";
  }

  /** Counter of one queue's completions within one second (expires after a few minutes). */
  public String queueCompletedInSecond(String name, long epochSecond) {
    return queue(name) + ":completed:" + epochSecond;
  }

  /** Hash: one worker's registration and last heartbeat. */
  public String worker(String workerId) {
    return prefix + "worker:" + workerId;
  }

  /** Sorted set of worker ids by lease deadline (ms). */
  public String workerLeases() {
    return prefix + "workers:leases";
  }

  /** Hash: task type name -> JSON description advertised by the workers that run it. */
  public String taskTypes() {
    return prefix + "types";
  }

  /** Stream: the system event log. */
  public String events() {
    return prefix + "events";
  }

  /** Pub/sub channel for progress ticks (ephemeral, not logged). */
  public String progressChannel() {
    return prefix + "progress";
  }

  /** Hash of running totals (submitted, completed, failed, ...). */
  public String totals() {
    return prefix + "stats:totals";
  }

  /** Hash of Prometheus counters by queue and type: field {@code <what>\t<queue>\t<type>}, e.g. completed. */
  public String metricsCounts() {
    return prefix + "metrics:counts";
  }

  /**
   * Hash: one latency histogram ({@code <name>:<label>}, e.g. {@code run:noop}): field {@code i} counts the
   * observations in bucket i (1-based, not cumulative), plus {@code sum_ms} and {@code count}.
   */
  public String metricsHistogram(String nameAndLabel) {
    return prefix + "metrics:histogram:" + nameAndLabel;
  }

  /** Set of every histogram's {@code <name>:<label>} that has an observation. */
  public String metricsHistograms() {
    return prefix + "metrics:histograms";
  }

  /** Counter of completions within one second (expires after a few minutes). */
  public String completedInSecond(long epochSecond) {
    return completedInSecond(String.valueOf(epochSecond));
  }

  private String completedInSecond(String epochSecond) {
    return prefix + "stats:completed:" + epochSecond;
  }

  /** Counter of failures within one second (expires after a few minutes). */
  public String failedInSecond(long epochSecond) {
    return failedInSecond(String.valueOf(epochSecond));
  }

  private String failedInSecond(String epochSecond) {
    return prefix + "stats:failed:" + epochSecond;
  }

  /** The same layout as Lua functions ({@code task_key(id)}, ...), prepended to every script. */
  static String asLuaPrelude() {
    return "local P = ARGV[1]\nlocal EVENTS_MAXLEN = ARGV[2]\n" + asLuaKeyFunctions();
  }

  /**
   * The key functions alone: they read the prefix from {@code P}, a local the code around them declares (a script:
   * from its ARGV; the function library: set by each function as it is called).
   */
  static String asLuaKeyFunctions() {
    RedisKeys k = new RedisKeys("");
    String x = "\u0000";
    return String.join(
        "\n",
        luaFunction("task_key", k.task(x)),
        luaFunction("history_key", k.history(x)),
        luaFunction("dependents_key", k.dependents(x)),
        luaFunction("all_key", k.allTasks()),
        luaFunction("status_key", k.byStatus(x)),
        luaFunction("type_key", k.byType(x)),
        luaFunction("queue_tasks_key", k.byQueue(x)),
        luaFunction("owner_tasks_key", k.byOwner(x)),
        luaFunction("priority_key", k.byPriority()),
        luaFunction("progress_key", k.byProgress()),
        luaFunction("ids_key", k.ids()),
        luaFunction("idem_key", k.idempotency(x)),
        luaFunction("labels_key", k.labels()),
        luaFunction("finished_key", k.finished()),
        luaFunction("worker_tasks_key", k.byWorker(x)),
        luaFunction("worker_active_key", k.workerActive(x)),
        luaFunction("due_key", k.dispatchDue()),
        luaFunction("migrations_key", k.migrations()),
        luaFunction("timers_key", k.timers()),
        luaFunction("schedule_key", k.schedule(x)),
        luaFunction("schedules_key", k.schedules()),
        luaFunction("worker_key", k.worker(x)),
        luaFunction("leases_key", k.workerLeases()),
        luaFunction("types_key", k.taskTypes()),
        luaFunction("events_key", k.events()),
        luaFunction("progress_channel", k.progressChannel()),
        luaFunction("totals_key", k.totals()),
        luaFunction("metrics_counts_key", k.metricsCounts()),
        luaFunction("metrics_histogram_key", k.metricsHistogram(x)),
        luaFunction("metrics_histograms_key", k.metricsHistograms()),
        luaFunction("completed_second_key", k.completedInSecond(x)),
        luaFunction("failed_second_key", k.failedInSecond(x)),
        luaFunction("queue_key", k.queue(x)),
        luaFunction("queues_key", k.queues()),
        luaFunction("queue_counts_key", k.queueCounts(x)),
        luaFunction("queue_parked_key", k.queueParked(x)),
        luaFunction("queue_starts_key", k.queueStarts(x)),
        "local function queue_completed_second_key(q, s) return queue_key(q) .. ':completed:' .. s end",
        "");
  }

  /** {@code name(x)} returning P .. the key, with x where the Java method put its argument. */
  private static String luaFunction(String name, String keyWithArgument) {
    String[] parts = keyWithArgument.split("\u0000", -1);
    StringBuilder body = new StringBuilder("P .. '").append(parts[0]).append("'");
    if (parts.length > 1) {
      body.append(" .. x");
      if (!parts[1].isEmpty()) {
        body.append(" .. '").append(parts[1]).append("'");
      }
    }
    return "local function " + name + "(x) return " + body + " end";
  }
}
