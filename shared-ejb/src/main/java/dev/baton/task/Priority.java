package dev.baton.task;

/** Task priorities are JMS priorities: 0 (lowest) to 9 (highest); the broker delivers higher first. */
public final class Priority {
  public static final int MIN = 0;
  public static final int MAX = 9;
  public static final int DEFAULT = 4;

  private Priority() {}
}
