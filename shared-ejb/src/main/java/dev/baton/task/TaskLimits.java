package dev.baton.task;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How long a task may take and wait (Celery's {@code time_limit}, {@code soft_time_limit} and {@code
 * expires}).
 *
 * @param timeLimitS the hard limit of one attempt: its worker stops it and the attempt fails ("time limit"),
 *     so the retry policy applies; {@code null} for none
 * @param softTimeLimitS the handler is told at this point of an attempt and may wrap up; {@code null} for none
 * @param expiresAt a task not started by then is CANCELLED ("expired"); {@code null} for never
 */
public record TaskLimits(Integer timeLimitS, Integer softTimeLimitS, Instant expiresAt) {
  public static final TaskLimits NONE = new TaskLimits(null, null, null);
  /** The longest limit: a week. */
  public static final int MAX_LIMIT_S = 7 * 24 * 3600;

  public TaskLimits {
    if (timeLimitS != null && (timeLimitS < 1 || timeLimitS > MAX_LIMIT_S)) {
      throw new IllegalArgumentException("time_limit_s out of range: " + timeLimitS);
    }
    if (softTimeLimitS != null && (softTimeLimitS < 1 || softTimeLimitS > MAX_LIMIT_S)) {
      throw new IllegalArgumentException("soft_time_limit_s out of range: " + softTimeLimitS);
    }
    if (timeLimitS != null && softTimeLimitS != null && softTimeLimitS >= timeLimitS) {
      throw new IllegalArgumentException("the soft time limit must come before the hard one");
    }
  }

  /** The fields stored with the task. */
  public Map<String, String> asFields() {
    Map<String, String> f = new LinkedHashMap<>();
    if (timeLimitS != null) {
      f.put("time_limit_s", timeLimitS.toString());
    }
    if (softTimeLimitS != null) {
      f.put("soft_time_limit_s", softTimeLimitS.toString());
    }
    if (expiresAt != null) {
      f.put("expires_at", Long.toString(expiresAt.toEpochMilli()));
    }
    return f;
  }

  public static TaskLimits of(String timeLimitS, String softTimeLimitS, String expiresAtMs) {
    return new TaskLimits(
        blank(timeLimitS) ? null : Integer.valueOf(timeLimitS),
        blank(softTimeLimitS) ? null : Integer.valueOf(softTimeLimitS),
        blank(expiresAtMs) ? null : Instant.ofEpochMilli(Long.parseLong(expiresAtMs)));
  }

  private static boolean blank(String s) {
    return s == null || s.isEmpty();
  }
}
