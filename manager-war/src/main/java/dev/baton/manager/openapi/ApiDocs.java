package dev.baton.manager.openapi;

import dev.baton.manager.problems.Problem;

/** The strings the API's OpenAPI annotations repeat, once: annotation values must be compile-time constants. */
public final class ApiDocs {
  /** The media type of the JSON the API speaks. */
  public static final String JSON = "application/json";
  /** Every error's media type: an RFC 9457 problem detail. */
  public static final String PROBLEM_JSON = Problem.MEDIA_TYPE;
  /** The name of the {@link Problem} schema in the document's components; refer to it with {@code @Schema(ref = PROBLEM)}. */
  public static final String PROBLEM = "Problem";

  /**
   * Marks an operation that answers without Redis (e.g. {@code @Operation(extensions = @Extension(name = NO_STORE, value =
   * "true"))}): {@link CommonResponses} then gives it no 503, and removes the mark from the document.
   */
  public static final String NO_STORE = "x-baton-no-store";

  /** The queue name rule of {@code dev.baton.task.Queues}, as a pattern. */
  public static final String QUEUE_NAME = "^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$";
  /** A task id (Baton's are UUIDs) or a batch's ref, as {@code depends_on} accepts it. */
  public static final String TASK_REF = "^[A-Za-z0-9_.:-]{1,100}$";

  public static final String TASK_ID = "The task's id (a UUID).";
  public static final String TASK_ID_EXAMPLE = "3f2a9c1e-5b7d-4c1a-9e8f-0a1b2c3d4e5f";
  public static final String NO_TASK = "No task with this id.";
  public static final String LOCATION = "Location";
  public static final String RETRY_AFTER = "Retry-After";
  public static final String QUEUE_RULE = "1 to 64 letters, digits or _ . -, starting with a letter or digit.";

  private ApiDocs() {}
}
