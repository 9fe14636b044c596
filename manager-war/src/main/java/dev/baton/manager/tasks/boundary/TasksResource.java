package dev.baton.manager.tasks.boundary;

import dev.baton.manager.config.ManagerSettings;
import dev.baton.manager.operations.Actor;
import dev.baton.manager.operations.Operations;
import dev.baton.manager.problems.JsonBodies;
import dev.baton.manager.problems.Problem;
import dev.baton.manager.problems.QueryParams;
import dev.baton.manager.refusal.Refusal;
import dev.baton.manager.tasks.control.TaskLookup;
import dev.baton.manager.tasks.entity.TaskBatch;
import dev.baton.manager.tasks.entity.TaskPage;
import dev.baton.manager.tasks.entity.TaskStatusView;
import dev.baton.manager.tasks.entity.TaskView;
import dev.baton.task.Page;
import dev.baton.task.TaskOrder;
import dev.baton.task.TaskQuery;
import dev.baton.task.TaskRecord;
import dev.baton.task.TaskStatus;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Tasks: submit one or a batch, list, look one up. Validation and storage happen in the control layer. */
@Path("tasks")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TasksResource {
  /** Headroom over the data limit for the other fields of one task. */
  private static final int ENVELOPE_BYTES = 64 * 1024;
  /** Most bytes of a batch body. */
  static final long MAX_BATCH_BODY = 32L << 20;
  /** The oldest age a purge names: a hundred years. */
  private static final long MAX_AGE_S = 100L * 366 * 24 * 3600;

  /** {@code q}: printable text, no control characters. */
  private static final java.util.regex.Pattern SEARCH = java.util.regex.Pattern.compile("[^\\p{Cntrl}]{1,100}");

  @Inject Operations ops;
  @Inject TaskLookup lookup;
  @Inject dev.baton.manager.tasks.control.TaskGraph graphs;
  @Inject ManagerSettings settings;

  @POST
  @Operation(summary = "Create a task", description = "Stored in Redis, then sent to the broker; 201 with the task.")
  @APIResponse(responseCode = "201", description = "created")
  @APIResponse(responseCode = "200", description = "a repeat: its idempotency key made this task before, with the same request")
  @APIResponse(responseCode = "409", description = "its idempotency key made a task before, with another request")
  @APIResponse(responseCode = "429", description = "back pressure: too many accepted tasks wait to start; see Retry-After")
  @APIResponse(
      responseCode = "422",
      description = "invalid field",
      content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
  public Response create(InputStream body, @HeaderParam("Idempotency-Key") String idempotencyKey) {
    var s = ops.submit(JsonBodies.read(body, settings.maxDataBytes() + (long) ENVELOPE_BYTES), blankToNull(idempotencyKey), Actor.API);
    TaskView task = s.tasks().get(0);
    java.net.URI location = UriBuilder.fromResource(TasksResource.class).path(task.id()).build();
    return s.created() == 0 ? Response.ok(task).location(location).build() : Response.created(location).entity(task).build();
  }

  @POST
  @Path("batch")
  @Operation(
      summary = "Create up to 1,000 tasks at once",
      description = "All are validated first: all or nothing. 201; 200 if every task was a repeat of its idempotency key.")
  public Response createBatch(InputStream body) {
    var s = ops.acceptBatch(JsonBodies.read(body, MAX_BATCH_BODY), Actor.API);
    return Response.status(s.created() == 0 ? Response.Status.OK : Response.Status.CREATED)
        .entity(new TaskBatch(s.tasks().size(), s.tasks()))
        .build();
  }

  @GET
  @Operation(
      summary = "List tasks, newest first",
      description = "Filter by status (one, or several: status=FAILED,DEAD is the dead-letter list), type, worker, queue, and q:"
          + " the start of the id, or words of the label (each word of q starts a word of it); sort by created, priority (dispatch order)"
          + " or progress, order desc (default) or asc; page with offset and limit.")
  public TaskPage list(
      @QueryParam("status") String status,
      @QueryParam("type") String type,
      @QueryParam("worker") String worker,
      @QueryParam("queue") String queue,
      @QueryParam("q") String idPrefix,
      @QueryParam("sort") @DefaultValue("created") String sort,
      @QueryParam("order") @DefaultValue("desc") String order,
      @QueryParam("offset") @DefaultValue("0") String offsetParam,
      @QueryParam("limit") @DefaultValue("50") String limitParam) {
    int offset = QueryParams.intIn("offset", offsetParam, 0, Integer.MAX_VALUE);
    int limit = QueryParams.intIn("limit", limitParam, 1, 1000);
    String q = blankToNull(idPrefix);
    if (q != null && !SEARCH.matcher(q).matches()) {
      throw Refusal.invalid("q", "must be 1 to 100 characters: the start of a task id, or the starts of words of a label");
    }
    TaskOrder by;
    try {
      by = TaskOrder.valueOf(sort.trim().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw Refusal.invalid("sort", "must be one of created, priority, progress");
    }
    if (!order.equalsIgnoreCase("desc") && !order.equalsIgnoreCase("asc")) {
      throw Refusal.invalid("order", "must be desc or asc");
    }
    java.util.Set<TaskStatus> statuses = statuses(status);
    String inQueue = blankToNull(queue);
    if (inQueue != null && !dev.baton.task.Queues.isValidName(inQueue)) {
      throw Refusal.invalid("queue", dev.baton.task.Queues.NAME_RULE);
    }
    if (statuses.size() > 1 && (long) offset + limit > TaskQuery.MAX_MERGED_DEPTH) {
      throw Refusal.invalid("offset", "with several statuses, offset + limit must not exceed " + TaskQuery.MAX_MERGED_DEPTH);
    }
    Page<TaskRecord> page =
        lookup.page(
            new TaskQuery(
                statuses, blankToNull(type), blankToNull(worker), q == null ? null : q.toLowerCase(java.util.Locale.ROOT), by,
                order.equalsIgnoreCase("desc"), offset, limit).inQueue(inQueue));
    return new TaskPage(page.items().stream().map(TaskView::of).toList(), page.total(), offset, limit);
  }

  @POST
  @Path("{id}/migrate")
  @Operation(
      summary = "Move a running task to another worker",
      description = "Body {\"worker_id\": \"worker-2\"}, optional: the least loaded live worker by default. 202; the task"
          + " goes MIGRATING and resumes on the target from a checkpoint its worker writes at its next safe point.")
  @APIResponse(responseCode = "202", description = "migration under way")
  @APIResponse(responseCode = "409", description = "the task is not running, or the target is not alive")
  @APIResponse(responseCode = "422", description = "the target is unknown, the same worker, or lacks the type")
  public Response migrate(@PathParam("id") String id, InputStream body) {
    var request = JsonBodies.readOptionalObject(body, 4096);
    for (String key : request.keySet()) {
      if (!key.equals("worker_id")) {
        throw Refusal.invalid(key, "is not a field of a migration; known: worker_id");
      }
    }
    String target = null;
    if (request.containsKey("worker_id") && !request.isNull("worker_id")) {
      if (!(request.get("worker_id") instanceof jakarta.json.JsonString s) || s.getString().isBlank()) {
        throw Refusal.invalid("worker_id", "must be a worker id such as worker-2");
      }
      target = s.getString();
    }
    return Response.accepted(ops.migrate(id, target, Actor.API)).build();
  }

  @POST
  @Path("{id}/cancel")
  @Operation(
      summary = "Cancel a task",
      description = "202. A task no worker runs (queued, scheduled, retrying, recovering) is CANCELLED at once; a running"
          + " one is stopped by its worker at its next step boundary (a stuck handler is interrupted after 3 s) and"
          + " then CANCELLED; after baton.cancel.grace-s it is CANCELLED anyway and its worker fenced. Seed 001's"
          + " /cancel/ (trailing slash) answers too.")
  @APIResponse(responseCode = "202", description = "cancelled, or the cancel is under way (see status)")
  @APIResponse(responseCode = "404", description = "no such task")
  @APIResponse(responseCode = "409", description = "the task has ended already")
  public Response cancel(@PathParam("id") String id) {
    ops.cancel(id, Actor.API);
    return acceptedWithStatus(id);
  }

  @POST
  @Path("{id}/retry")
  @Operation(
      summary = "Requeue a FAILED or DEAD task",
      description = "202. A new attempt under the same id, from its last checkpoint; its history is kept and its"
          + " retries are counted anew.")
  @APIResponse(responseCode = "202", description = "queued again")
  @APIResponse(responseCode = "404", description = "no such task")
  @APIResponse(responseCode = "409", description = "the task is not FAILED or DEAD")
  public Response retry(@PathParam("id") String id) {
    ops.retry(id, Actor.API);
    return acceptedWithStatus(id);
  }

  @POST
  @Path("retry")
  @Operation(
      summary = "Requeue many tasks from the dead-letter list",
      description = "Body {\"status\": \"FAILED\"} (or DEAD) for all of them, or {\"ids\": [...]} (up to 10,000) for those of"
          + " the ids that are FAILED or DEAD. Answers {\"requeued\": n}.")
  public jakarta.json.JsonObject retryMany(InputStream body) {
    var request = JsonBodies.readOptionalObject(body, 1L << 20);
    for (String key : request.keySet()) {
      if (!key.equals("status") && !key.equals("ids")) {
        throw Refusal.invalid(key, "is not a field of a requeue; known: status, ids");
      }
    }
    boolean byStatus = request.containsKey("status") && !request.isNull("status");
    boolean byIds = request.containsKey("ids") && !request.isNull("ids");
    if (byStatus == byIds) {
      throw Refusal.invalid("status", "give either status (FAILED or DEAD) or ids, one of them");
    }
    int n;
    if (byStatus) {
      if (!(request.get("status") instanceof jakarta.json.JsonString s) || parsedStatus(s.getString()) == null) {
        throw Refusal.invalid("status", "must be FAILED or DEAD");
      }
      n = ops.retryAll(parsedStatus(((jakarta.json.JsonString) request.get("status")).getString()), Actor.API);
    } else {
      if (!(request.get("ids") instanceof jakarta.json.JsonArray a)
          || a.size() > 10_000
          || !a.stream().allMatch(v -> v instanceof jakarta.json.JsonString)) {
        throw Refusal.invalid("ids", "must be an array of up to 10,000 task ids");
      }
      n = ops.retry(a.getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList(), Actor.API);
    }
    return dev.baton.json.Jsonp.object().add("requeued", n).build();
  }

  @DELETE
  @Path("{id}")
  @Operation(
      summary = "Delete a finished task",
      description = "204. The task, its history and every index entry are removed at once (as retention does).")
  @APIResponse(responseCode = "204", description = "deleted")
  @APIResponse(responseCode = "404", description = "no such task")
  @APIResponse(responseCode = "409", description = "the task has not finished (cancel it first)")
  public Response delete(@PathParam("id") String id) {
    ops.delete(id, Actor.API);
    return Response.noContent().build();
  }

  @POST
  @Path("purge")
  @Operation(
      summary = "Delete finished tasks by status and age",
      description = "Body {\"status\": \"COMPLETED\", \"older_than_s\": 3600}: the tasks of that final status (any final"
          + " status if left out) that finished at least older_than_s seconds ago (0 if left out). At least one of"
          + " the two. Answers {\"deleted\": n}.")
  @APIResponse(responseCode = "200", description = "deleted; the count")
  @APIResponse(responseCode = "422", description = "status is not a final status, or older_than_s is not a whole number >= 0")
  public jakarta.json.JsonObject purge(InputStream body) {
    var request = JsonBodies.readOptionalObject(body, 4096);
    for (String key : request.keySet()) {
      if (!key.equals("status") && !key.equals("older_than_s")) {
        throw Refusal.invalid(key, "is not a field of a purge; known: status, older_than_s");
      }
    }
    if (request.isEmpty()) {
      throw Refusal.invalid("status", "give status, older_than_s or both (a purge of everything finished names one: older_than_s 0)");
    }
    TaskStatus status = null;
    if (request.containsKey("status") && !request.isNull("status")) {
      if (!(request.get("status") instanceof jakarta.json.JsonString s)) {
        throw Refusal.invalid("status", "must be a final status: COMPLETED, FAILED, CANCELLED, SKIPPED or DEAD");
      }
      status = parsedStatus(s.getString());
    }
    long olderThan = 0;
    if (request.containsKey("older_than_s") && !request.isNull("older_than_s")) {
      if (!(request.get("older_than_s") instanceof jakarta.json.JsonNumber n)
          || !n.isIntegral()
          || n.bigIntegerValue().signum() < 0
          || n.bigIntegerValue().compareTo(java.math.BigInteger.valueOf(MAX_AGE_S)) > 0) {
        throw Refusal.invalid("older_than_s", "must be a whole number of seconds from 0 to " + MAX_AGE_S);
      }
      olderThan = ((jakarta.json.JsonNumber) request.get("older_than_s")).longValue();
    }
    long n = ops.purge(status, java.time.Duration.ofSeconds(olderThan), Actor.API);
    return dev.baton.json.Jsonp.object().add("deleted", n).build();
  }

  @GET
  @Path("{id}/graph")
  @Operation(
      summary = "The tasks around one: what it depends on and what depends on it",
      description = "Every task connected to it through depends_on, up and down (at most 500), as nodes (id, type, status,"
          + " progress, parents_left) and edges (from a parent to the task that depends on it).")
  @APIResponse(responseCode = "200", description = "the graph")
  @APIResponse(responseCode = "404", description = "no such task")
  public dev.baton.manager.tasks.entity.TaskGraphView graph(@PathParam("id") String id) {
    return graphs.around(id);
  }

  @GET
  @Path("{id}/status")
  @Operation(
      summary = "A task's status, progress and outcome, without its data and history",
      description = "Seed 001's shape (also with a trailing slash): task_id, status, progress, progress_message, result, error.")
  public TaskStatusView statusOf(@PathParam("id") String id) {
    return TaskStatusView.of(lookup.find(id).orElseThrow(() -> Refusal.notFound("no task with id " + id)));
  }

  /** 202 with the task's status after an action that may still be under way. */
  private Response acceptedWithStatus(String id) {
    return Response.accepted(statusOf(id)).build();
  }

  @GET
  @Path("{id}")
  @Operation(summary = "One task with its result, checkpoint and state history")
  public TaskView get(@PathParam("id") String id) {
    return lookup.detail(id);
  }

  /** {@code FAILED} or several, comma-separated: {@code FAILED,DEAD}. */
  private static java.util.Set<TaskStatus> statuses(String statuses) {
    if (statuses == null || statuses.isBlank()) {
      return java.util.Set.of();
    }
    java.util.Set<TaskStatus> all = java.util.EnumSet.noneOf(TaskStatus.class);
    for (String s : statuses.split(",")) {
      if (!s.isBlank()) {
        all.add(parsedStatus(s));
      }
    }
    return all;
  }

  private static TaskStatus parsedStatus(String status) {
    if (status == null || status.isBlank()) {
      return null;
    }
    try {
      return TaskStatus.valueOf(status.trim().toUpperCase());
    } catch (IllegalArgumentException e) {
      throw Refusal.invalid("status", "unknown status '" + status + "'; one of " + Arrays.toString(TaskStatus.values()));
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
