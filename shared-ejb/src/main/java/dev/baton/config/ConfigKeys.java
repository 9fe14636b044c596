package dev.baton.config;

/**
 * Every configuration key, with its default. Values come from MicroProfile Config, so each key can be set
 * as a system property or as an environment variable: {@code baton.redis.url} is {@code BATON_REDIS_URL},
 * {@code baton.worker.timeout-s} is {@code BATON_WORKER_TIMEOUT_S}.
 */
public final class ConfigKeys {
  private ConfigKeys() {}

  /** Redis, the source of truth. */
  public static final String REDIS_URL = "baton.redis.url";

  public static final String REDIS_URL_DEFAULT = "redis://127.0.0.1:6379";

  /**
   * Who this process is to Redis (an ACL user) and its password; unset: Redis asks for none. Set them in the
   * environment (BATON_REDIS_USER, BATON_REDIS_PASSWORD), not on the command line, where others can read them.
   */
  public static final String REDIS_USER = "baton.redis.user";

  public static final String REDIS_PASSWORD = "baton.redis.password";

  /** Prefix of every Redis key (several installations or tests can share one Redis). */
  public static final String REDIS_PREFIX = "baton.redis.prefix";

  public static final String REDIS_PREFIX_DEFAULT = "baton:";

  public static final String REDIS_POOL = "baton.redis.pool-size";
  public static final String REDIS_POOL_DEFAULT = "32";

  /** The Artemis broker (CORE protocol). */
  public static final String BROKER_URL = "baton.broker.url";

  public static final String BROKER_URL_DEFAULT = "tcp://127.0.0.1:61616";

  /** Who this process is to the broker (manager or worker) and its password; unset: the broker asks for none. */
  public static final String BROKER_USER = "baton.broker.user";

  public static final String BROKER_PASSWORD = "baton.broker.password";

  /** Approximate cap of the event log stream. */
  public static final String EVENTS_MAX_LENGTH = "baton.events.max-length";

  public static final String EVENTS_MAX_LENGTH_DEFAULT = "100000";

  /** A task accepted but not claimed within this many seconds is sent to the broker again. */
  public static final String DISPATCH_TIMEOUT_S = "baton.dispatch.timeout-s";

  public static final String DISPATCH_TIMEOUT_S_DEFAULT = "15";

  /** Most task messages per broker transaction. */
  public static final String DISPATCH_BATCH = "baton.dispatch.batch-size";

  public static final String DISPATCH_BATCH_DEFAULT = "500";

  /**
   * Most tasks one message carries when the backlog is deep (ADR 0055): the dispatcher packs up to this many of
   * one type, queue, priority and target into a message, never more than a worker has slots, and one per
   * message when there are no more than workers to take them. 1 sends every task on its own.
   */
  public static final String DISPATCH_TASKS_PER_MESSAGE = "baton.dispatch.tasks-per-message";

  public static final String DISPATCH_TASKS_PER_MESSAGE_DEFAULT = "8";

  /** Seconds between checkpoints of a running task, unless the task sets checkpoint_interval_s. */
  public static final String CHECKPOINT_INTERVAL_S = "baton.checkpoint.interval-s";

  public static final String CHECKPOINT_INTERVAL_S_DEFAULT = "5";

  /** Most tasks in one POST /api/tasks/batch. */
  public static final String MAX_BATCH = "baton.api.max-batch";

  public static final String MAX_BATCH_DEFAULT = "1000";

  /** Most bytes of a task's data (its JSON text). */
  public static final String MAX_DATA_BYTES = "baton.api.max-data-bytes";

  public static final String MAX_DATA_BYTES_DEFAULT = "1048576";

  /** This worker's name; unique in the cluster. */
  public static final String WORKER_ID = "baton.worker.id";

  public static final String WORKER_ID_DEFAULT = "worker-1";

  /** Tasks this worker runs at once. */
  public static final String WORKER_SLOTS = "baton.worker.slots";

  public static final String WORKER_SLOTS_DEFAULT = "4";

  /** Milliseconds between heartbeats. */
  public static final String HEARTBEAT_MS = "baton.worker.heartbeat-ms";

  public static final String HEARTBEAT_MS_DEFAULT = "1000";

  /** Seconds without a heartbeat after which a worker is declared FAILED (its lease). */
  public static final String WORKER_TIMEOUT_S = "baton.worker.timeout-s";

  public static final String WORKER_TIMEOUT_S_DEFAULT = "4";

  /** Where a worker's io tasks write their files. Empty: a folder under java.io.tmpdir. */
  public static final String SCRATCH_DIR = "baton.worker.scratch-dir";

  public static final String SCRATCH_DIR_DEFAULT = "";
  /** A file where the worker appends a line as each attempt starts and ends (the nemesis' evidence); empty: none. */
  public static final String ATTEMPT_LOG = "baton.worker.attempt-log";

  public static final String ATTEMPT_LOG_DEFAULT = "";

  /** The URL this instance is reachable at (shown in listings). */
  public static final String PUBLIC_URL = "baton.public-url";

  public static final String PUBLIC_URL_DEFAULT = "";

  /** A task whose worker dies this many times while running it goes DEAD instead of being retried. */
  public static final String MAX_RECOVERIES = "baton.recovery.max-attempts";

  public static final String MAX_RECOVERIES_DEFAULT = "3";

  /** Seconds a migration's source has to release the task before the manager forces it. */
  public static final String MIGRATION_TIMEOUT_S = "baton.migration.timeout-s";

  public static final String MIGRATION_TIMEOUT_S_DEFAULT = "10";

  /**
   * Seconds a cancelled running task's worker has to stop it (it interrupts a stuck handler after 3 s) before
   * the manager records it CANCELLED anyway and fences the worker.
   */
  public static final String CANCEL_GRACE_S = "baton.cancel.grace-s";

  public static final String CANCEL_GRACE_S_DEFAULT = "10";

  /**
   * Back pressure: the most accepted tasks that have not started (CREATED, WAITING, SCHEDULED); a submit
   * beyond it is refused with 429 and nothing stored. -1: no limit.
   */
  public static final String API_MAX_PENDING = "baton.api.max-pending";

  public static final String API_MAX_PENDING_DEFAULT = "200000";

  /** Seconds a finished task is kept before retention removes it with all its keys. */
  public static final String RETENTION_MAX_AGE_S = "baton.retention.max-age-s";

  public static final String RETENTION_MAX_AGE_S_DEFAULT = "604800";

  /** How many finished tasks are kept at most; retention removes the oldest beyond that number. */
  public static final String RETENTION_MAX_FINISHED = "baton.retention.max-finished";

  public static final String RETENTION_MAX_FINISHED_DEFAULT = "100000";

  /** Seconds a migrated task stays where it went before the balancer may move it again. */
  public static final String BALANCER_COOLDOWN_S = "baton.balancer.cooldown-s";

  public static final String BALANCER_COOLDOWN_S_DEFAULT = "60";

  /** The task types this worker runs, comma-separated; empty: every handler it has. */
  public static final String WORKER_TYPES = "baton.worker.types";

  public static final String WORKER_TYPES_DEFAULT = "";

  /** Telegram bot token (env BATON_TELEGRAM_BOT_TOKEN); with the chat id, completions and failures are told there. */
  public static final String TELEGRAM_BOT_TOKEN = "baton.telegram.bot-token";

  /** Telegram chat id (env BATON_TELEGRAM_CHAT_ID). */
  public static final String TELEGRAM_CHAT_ID = "baton.telegram.chat-id";

  /** The Telegram Bot API's base URL (env BATON_TELEGRAM_API_URL); tests point it at a local server. */
  public static final String TELEGRAM_API_URL = "baton.telegram.api-url";

  public static final String TELEGRAM_API_URL_DEFAULT = "https://api.telegram.org";

  /** The queues this worker takes tasks from, comma-separated; empty: every queue. */
  public static final String WORKER_QUEUES = "baton.worker.queues";

  public static final String WORKER_QUEUES_DEFAULT = "";

  /** The manager's base URL; network tasks call its echo endpoint. */
  public static final String MANAGER_URL = "baton.manager.url";

  public static final String MANAGER_URL_DEFAULT = "http://127.0.0.1:8080";

  /**
   * The launcher that started this cluster (demo.sh), if any: with it the manager can start a worker
   * process again (the console's "restart", the demo scenarios). Empty: workers are started by others.
   */
  public static final String LAUNCHER = "baton.launcher";

  public static final String LAUNCHER_DEFAULT = "";

  /** The launcher's run folder (BATON_RUN_DIR), handed to it when it is called. */
  public static final String LAUNCHER_RUN_DIR = "baton.launcher.run-dir";

  public static final String LAUNCHER_RUN_DIR_DEFAULT = "";
}
