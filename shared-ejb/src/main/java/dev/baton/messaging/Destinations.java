package dev.baton.messaging;

/** Every broker destination and message property Baton uses, in one place (see artemis/broker.xml). */
public final class Destinations {
  /** The queue of task dispatches; any worker may take one unless it names a target worker. */
  public static final String TASKS = "baton.tasks";

  /** Where the broker puts task messages it gave up redelivering. */
  public static final String DEAD_LETTERS = "baton.dlq";

  /** Message property: the task type. */
  static final String TYPE_PROPERTY = "baton_type";

  /** Message property: the only worker that may take this message (absent: any). */
  static final String TARGET_PROPERTY = "baton_target";

  /** Artemis' duplicate-detection header: a second message with the same id is dropped by the broker. */
  static final String DUPLICATE_ID_PROPERTY = "_AMQ_DUPL_ID";

  private Destinations() {}

  /** A worker's own queue for control messages (migrate, cancel, fail, ...). */
  public static String control(String workerId) {
    return "baton.control." + workerId;
  }

  /**
   * The selector of a worker's task consumers: untargeted messages and those sent to this worker. (Types
   * are not in it: a type list in the selector cost the broker 50% more CPU per message; see ADR 0005.)
   */
  static String taskSelector(String workerId) {
    return TARGET_PROPERTY + " IS NULL OR " + TARGET_PROPERTY + " = " + quote(workerId);
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}
