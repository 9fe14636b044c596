package dev.baton.task;

import java.util.regex.Pattern;

/** Named queues: what a queue name may be, and the queue of a task that names none. */
public final class Queues {
  public static final String DEFAULT = "default";
  /** Letters, digits and {@code _ . -}, starting with a letter or digit: safe in Redis keys, URLs and JMS. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
  public static final String NAME_RULE = "must be 1 to 64 letters, digits or _ . -, starting with a letter or digit";

  private Queues() {}

  public static boolean isValidName(String name) {
    return name != null && NAME.matcher(name).matches();
  }
}
