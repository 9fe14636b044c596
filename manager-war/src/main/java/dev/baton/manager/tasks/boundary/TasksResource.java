package dev.baton.manager.tasks.boundary;

import dev.baton.manager.cluster.entity.MigrationStarted;
import dev.baton.manager.config.ManagerSettings;
import dev.baton.manager.openapi.ApiDocs;
import dev.baton.manager.openapi.BatchRequestSchema;
import dev.baton.manager.openapi.MigrateRequestSchema;
import dev.baton.manager.openapi.PurgeRequestSchema;
import dev.baton.manager.openapi.PurgedSchema;
import dev.baton.manager.openapi.RequeueRequestSchema;
import dev.baton.manager.openapi.RequeuedSchema;
import dev.baton.manager.openapi.TaskRequestSchema;
import dev.baton.manager.operations.Operations;
import dev.baton.manager.problems.JsonBodies;
import dev.baton.manager.problems.QueryParams;
import dev.baton.manager.refusal.Refusal;
import dev.baton.manager.tasks.control.TaskLookup;
import dev.baton.manager.tasks.entity.TaskBatch;
import dev.baton.manager.tasks.entity.TaskGraphView;
import dev.baton.manager.tasks.entity.TaskPage;
import dev.baton.manager.tasks.entity.TaskStatusView;
import dev.baton.manager.tasks.entity.TaskView;
import dev.baton.security.Role;
import dev.baton.task.Page;
import dev.baton.task.TaskCursor;
import dev.baton.task.TaskOrder;
import dev.baton.task.TaskQuery;
import dev.baton.task.TaskRecord;
import dev.baton.task.TaskStatus;
import jakarta.annotation.security.RolesAllowed;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Tasks: submit one or a batch, list, look one up. Validation and storage happen in the control layer. */
@RolesAllowed(Role.ANY_CALLER) // any caller: the actions check each role (Operations); ADR 0048
@Path("tasks")
@Tag(name = "tasks", description = "Submit tasks one by one or in batches, list and find them, cancel, retry, migrate, delete.")
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

  @Inject dev.baton.manager.security.Callers callers;
  @Inject Operations ops;
  @Inject TaskLookup lookup;
  @Inject dev.baton.manager.tasks.control.TaskGraph graphs;
  @Inject ManagerSettings settings;

  @POST
  @Operation(
      summary = "Create a task",
      description = "Stored in Redis, then sent to the broker: 201 with the task. With an idempotency key (idempotency_key or the"
          + " Idempotency-Key header) a repeat of the same request answers the task it made the first time: 200, nothing created.")
  @RequestBody(
      required = true,
      description = "A task request, at most baton.api.max-data-bytes + 64 KiB (1 MiB + 64 KiB by default).",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = TaskRequestSchema.class)))
  @APIResponse(
      responseCode = "201",
      description = "Created: SCHEDULED if it runs later, WAITING if it has parents, else CREATED (or as its queue holds it).",
      headers = @Header(name = ApiDocs.LOCATION, description = "The task's URL."),
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = TaskView.class)))
  @APIResponse(
      responseCode = "200",
      description = "A repeat: its idempotency key made this task before, with the same request; nothing was created.",
      headers = @Header(name = ApiDocs.LOCATION, description = "The task's URL."),
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = TaskView.class)))
  @APIResponse(
      responseCode = "409",
      description = "Its idempotency key made a task before, with another request; nothing was stored.")
  @APIResponse(responseCode = "413", description = "data over baton.api.max-data-bytes (1 MiB), or the body over its limit.")
  @APIResponse(
      responseCode = "422",
      description = "A field is missing or wrong, each named: an unknown type (the known ones are listed), priority outside 0-9, a"
          + " parameter of the type, an unknown field, a depends_on naming no task, a ref, an idempotency_key other than the header's.")
  @APIResponse(
      responseCode = "429",
      description = "Back pressure: more than baton.api.max-pending accepted tasks would wait to start; nothing was stored.",
      headers = @Header(name = ApiDocs.RETRY_AFTER, description = "Seconds to wait: 1.", schema = @Schema(type = SchemaType.INTEGER)))
  public Response create(
      InputStream body,
      @Parameter(
              description = "Makes the request idempotent, as the body's idempotency_key (1 to 200 characters, no control characters);"
                  + " if the body names a key too, the two must be the same. Blank: none.",
              example = "order-4711")
          @HeaderParam("Idempotency-Key")
          String idempotencyKey) {
    var s = ops.submit(JsonBodies.read(body, settings.maxDataBytes() + (long) ENVELOPE_BYTES), blankToNull(idempotencyKey), callers.api());
    TaskView task = s.tasks().get(0);
    java.net.URI location = UriBuilder.fromResource(TasksResource.class).path(task.id()).build();
    return s.created() == 0 ? Response.ok(task).location(location).build() : Response.created(location).entity(task).build();
  }

  @POST
  @Path("batch")
  @Operation(
      summary = "Create up to 1,000 tasks at once",
      description = "All are validated first: all or nothing. 201; 200 if every task was a repeat of its idempotency key.")
  @RequestBody(
      required = true,
      description = "{\"tasks\": [...]} or a bare array of task requests; at most 32 MiB.",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = BatchRequestSchema.class)))
  @APIResponse(
      responseCode = "201",
      description = "Created (tasks that repeat their idempotency key answer the task made before), in the order submitted.",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = TaskBatch.class)))
  @APIResponse(
      responseCode = "200",
      description = "Every task was a repeat of its idempotency key; nothing was created.",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = TaskBatch.class)))
  @APIResponse(
      responseCode = "409",
      description = "An idempotency key made a task before, with another request; nothing was stored.")
  @APIResponse(
      responseCode = "413",
      description = "More than baton.api.max-batch (1,000) tasks, a task's data over baton.api.max-data-bytes (e.g. tasks[3].data), or"
          + " the body over 32 MiB.")
  @APIResponse(
      responseCode = "422",
      description = "No tasks, or fields missing or wrong, each named by position (tasks[3].priority): as for one task, and refs"
          + " (unknown, twice, a cycle) and idempotency keys used twice in the batch.")
  @APIResponse(
      responseCode = "429",
      description = "Back pressure: more than baton.api.max-pending accepted tasks would wait to start; nothing was stored.",
      headers = @Header(name = ApiDocs.RETRY_AFTER, description = "Seconds to wait: 1.", schema = @Schema(type = SchemaType.INTEGER)))
  public Response createBatch(InputStream body) {
    var s = ops.acceptBatch(JsonBodies.read(body, MAX_BATCH_BODY), callers.api());
    return Response.status(s.created() == 0 ? Response.Status.OK : Response.Status.CREATED)
        .entity(new TaskBatch(s.tasks().size(), s.tasks()))
        .build();
  }

  @GET
  @Operation(
      summary = "List tasks, newest first",
      description = "Filter by status (one, or several: status=FAILED,DEAD is the dead-letter list), type, worker, queue, and q:"
          + " the start of the id, or words of the label (each word of q starts a word of it); sort by created, priority (dispatch order)"
          + " or progress, order desc (default) or asc; page with after (the next of the page before: as fast on page 1,000 as on"
          + " page 1) and limit, or with offset (at most " + TaskQuery.MAX_OFFSET + " where Redis would walk the tasks before it).")
  @APIResponse(
      responseCode = "200",
      description = "One page; total counts every match.",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = TaskPage.class)))
  @APIResponse(
      responseCode = "422",
      description = "A bad parameter, named: an unknown status, sort or order, q, queue, offset or limit out of range, an after that"
          + " is no cursor of this order, after together with offset.")
  public TaskPage list(
      @Parameter(
              description = "One status or several, comma-separated, any case: CREATED, WAITING, SCHEDULED, RETRYING, ASSIGNED, RUNNING,"
                  + " MIGRATING, RELEASED, RECOVERING, COMPLETED, FAILED, CANCELLED, SKIPPED, DEAD. FAILED,DEAD is the dead-letter list.",
              example = "FAILED,DEAD")
          @QueryParam("status")
          String status,
      @Parameter(description = "Only tasks of this type.", example = "sleep") @QueryParam("type") String type,
      @Parameter(description = "Only tasks this worker runs or ran last (its id).", example = "worker-2") @QueryParam("worker")
          String worker,
      @Parameter(
              description = "Only tasks of this named queue: 1 to 64 letters, digits or _ . -, starting with a letter or digit.",
              schema = @Schema(pattern = ApiDocs.QUEUE_NAME),
              example = "gpu")
          @QueryParam("queue")
          String queue,
      @Parameter(
              description = "1 to 100 characters without control characters: the start of a task id, or words of the label (each word"
                  + " of q starts a word of it, any case).",
              schema = @Schema(minLength = 1, maxLength = 100),
              example = "mistral data")
          @QueryParam("q")
          String idPrefix,
      @Parameter(
              description = "created; priority: the broker's dispatch order (highest first, then oldest); progress. Any case.",
              schema = @Schema(enumeration = {"created", "priority", "progress"}, defaultValue = "created"))
          @QueryParam("sort")
          @DefaultValue("created")
          String sort,
      @Parameter(description = "desc or asc, any case.", schema = @Schema(enumeration = {"desc", "asc"}, defaultValue = "desc"))
          @QueryParam("order")
          @DefaultValue("desc")
          String order,
      @Parameter(
              description = "Tasks to skip: an integer, 0 or more; at most " + TaskQuery.MAX_OFFSET + " where Redis would walk them (several"
                  + " filters, a sort other than created with a filter, q; page further with after); with several statuses offset + limit must"
                  + " not exceed 20,000.",
              schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0"))
          @QueryParam("offset")
          @DefaultValue("0")
          String offsetParam,
      @Parameter(
              description = "The next of the page before: this page starts right after its last task (keyset paging). Only with the"
                  + " same sort and order; not with offset.",
              example = "Y3JlYXRlZC5kZXNjLjE3MzI0ODAwMDAwMDAuM2YyYQ")
          @QueryParam("after")
          String afterParam,
      @Parameter(
              description = "Tasks per page: an integer from 1 to 1000.",
              schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000", defaultValue = "50"))
          @QueryParam("limit")
          @DefaultValue("50")
          String limitParam) {
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
    boolean descending = order.equalsIgnoreCase("desc");
    TaskCursor after = null;
    if (blankToNull(afterParam) != null) {
      after = TaskCursor.decode(afterParam.trim()).orElseThrow(() -> Refusal.invalid("after", "is not a cursor: pass the next of a page"));
      if (after.order() != by || after.descending() != descending) {
        throw Refusal.invalid("after", "is the cursor of a listing in another order: keep sort and order as they were");
      }
      if (offset != 0) {
        throw Refusal.invalid("offset", "must be 0 with after (the page starts right after the cursor)");
      }
    }
    TaskQuery query =
        new TaskQuery(
                statuses, blankToNull(type), blankToNull(worker), q == null ? null : q.toLowerCase(java.util.Locale.ROOT), by,
                descending, offset, limit)
            .inQueue(inQueue)
            .after(after);
    if (offset > TaskQuery.MAX_OFFSET && !TaskLookup.visibleTo(query, callers.api()).offsetIsCheap()) {
      // this listing walks every task before the offset: the next page goes by cursor
      throw Refusal.invalid(
          "offset", "must be at most " + TaskQuery.MAX_OFFSET + " in a listing with several filters, another sort or a search; page"
              + " further with after (the next of the page before)");
    }
    Page<TaskRecord> page = lookup.page(query, callers.api());
    TaskCursor next = query.next(page.items());
    return new TaskPage(
        page.items().stream().map(TaskView::of).toList(), page.total(), offset, limit, next == null ? null : next.encode());
  }

  @POST
  @Path("{id}/migrate")
  @Operation(
      summary = "Move a running task to another worker",
      description = "Body {\"worker_id\": \"worker-2\"}, optional: the least loaded live worker by default. 202; the task"
          + " goes MIGRATING and resumes on the target from a checkpoint its worker writes at its next safe point.")
  @RequestBody(
      required = false,
      description = "Optional, at most 4 KiB: where the task should go.",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = MigrateRequestSchema.class)))
  @APIResponse(
      responseCode = "202",
      description = "Migration under way: the task is MIGRATING, from its worker to the target.",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = MigrationStarted.class)))
  @APIResponse(responseCode = "404", description = ApiDocs.NO_TASK)
  @APIResponse(
      responseCode = "409",
      description = "The task is not RUNNING (or stopped meanwhile), the target is not alive, or no other live worker can take it.")
  @APIResponse(
      responseCode = "422",
      description = "An unknown field, a body that is not an object, or a worker_id that is not a worker's id, is unknown, is the"
          + " task's own worker, lacks its type or does not take its queue.")
  public Response migrate(
      @Parameter(description = ApiDocs.TASK_ID, required = true, example = ApiDocs.TASK_ID_EXAMPLE) @PathParam("id") String id,
      InputStream body) {
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
    return Response.accepted(ops.migrate(id, target, callers.api())).build();
  }

  @POST
  @Path("{id}/cancel")
  @Operation(
      summary = "Cancel a task",
      description = "202. A task no worker runs (queued, scheduled, retrying, recovering) is CANCELLED at once; a running"
          + " one is stopped by its worker at its next step boundary (a stuck handler is interrupted after 3 s) and"
          + " then CANCELLED; after baton.cancel.grace-s it is CANCELLED anyway and its worker fenced. Seed 001's"
          + " /cancel/ (trailing slash) answers too.")
  @APIResponse(
      responseCode = "202",
      description = "Cancelled, or the cancel is under way (status shows which).",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = TaskStatusView.class)))
  @APIResponse(responseCode = "404", description = ApiDocs.NO_TASK)
  @APIResponse(responseCode = "409", description = "The task has ended already.")
  public Response cancel(
      @Parameter(description = ApiDocs.TASK_ID, required = true, example = ApiDocs.TASK_ID_EXAMPLE) @PathParam("id") String id) {
    ops.cancel(id, callers.api());
    return acceptedWithStatus(id);
  }

  @POST
  @Path("{id}/retry")
  @Operation(
      summary = "Requeue a FAILED or DEAD task",
      description = "202. A new attempt under the same id, from its last checkpoint; its history is kept and its"
          + " retries are counted anew.")
  @APIResponse(
      responseCode = "202",
      description = "Queued again.",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = TaskStatusView.class)))
  @APIResponse(responseCode = "404", description = ApiDocs.NO_TASK)
  @APIResponse(responseCode = "409", description = "The task is not FAILED or DEAD.")
  public Response retry(
      @Parameter(description = ApiDocs.TASK_ID, required = true, example = ApiDocs.TASK_ID_EXAMPLE) @PathParam("id") String id) {
    ops.retry(id, callers.api());
    return acceptedWithStatus(id);
  }

  @POST
  @Path("retry")
  @Operation(
      summary = "Requeue many tasks from the dead-letter list",
      description = "Body {\"status\": \"FAILED\"} (or DEAD) for all of them, or {\"ids\": [...]} (up to 10,000) for those of"
          + " the ids that are FAILED or DEAD. Answers {\"requeued\": n}.")
  @RequestBody(
      required = true,
      description = "Which tasks, at most 1 MiB. An empty body names none of them: a 422.",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = RequeueRequestSchema.class)))
  @APIResponse(
      responseCode = "200",
      description = "How many were requeued.",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = RequeuedSchema.class)))
  @APIResponse(
      responseCode = "422",
      description = "Neither or both of status and ids, an unknown field, a status other than FAILED or DEAD, ids not an array of up"
          + " to 10,000 strings, a body that is not an object.")
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
      n = ops.retryAll(parsedStatus(((jakarta.json.JsonString) request.get("status")).getString()), callers.api());
    } else {
      if (!(request.get("ids") instanceof jakarta.json.JsonArray a)
          || a.size() > 10_000
          || !a.stream().allMatch(v -> v instanceof jakarta.json.JsonString)) {
        throw Refusal.invalid("ids", "must be an array of up to 10,000 task ids");
      }
      n = ops.retry(a.getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList(), callers.api());
    }
    return dev.baton.json.Jsonp.object().add("requeued", n).build();
  }

  @DELETE
  @Path("{id}")
  @Operation(
      summary = "Delete a finished task",
      description = "204. The task, its history and every index entry are removed at once (as retention does).")
  @APIResponse(responseCode = "204", description = "Deleted.")
  @APIResponse(responseCode = "404", description = ApiDocs.NO_TASK)
  @APIResponse(responseCode = "409", description = "The task has not finished (cancel it first).")
  public Response delete(
      @Parameter(description = ApiDocs.TASK_ID, required = true, example = ApiDocs.TASK_ID_EXAMPLE) @PathParam("id") String id) {
    ops.delete(id, callers.api());
    return Response.noContent().build();
  }

  @POST
  @Path("purge")
  @Operation(
      summary = "Delete finished tasks by status and age",
      description = "Body {\"status\": \"COMPLETED\", \"older_than_s\": 3600}: the tasks of that final status (any final"
          + " status if left out) that finished at least older_than_s seconds ago (0 if left out). At least one of"
          + " the two. Answers {\"deleted\": n}.")
  @RequestBody(
      required = true,
      description = "Which finished tasks, at most 4 KiB. An empty body names none of them: a 422.",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = PurgeRequestSchema.class)))
  @APIResponse(
      responseCode = "200",
      description = "Deleted; the count.",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = PurgedSchema.class)))
  @APIResponse(
      responseCode = "422",
      description = "Neither field, an unknown field, a status that is not a final status, an older_than_s that is not a whole number"
          + " from 0 to 3,162,240,000, a body that is not an object.")
  public jakarta.json.JsonObject purge(InputStream body) {
    var request = JsonBodies.readOptionalObject(body, 4096);
    for (String key : request.keySet()) {
      if (!key.equals("status") && !key.equals("older_than_s")) {
        throw Refusal.invalid(key, "is not a field of a purge; known: status, older_than_s");
      }
    }
    // null counts as absent: a purge must name what it deletes (a null must never widen it to everything)
    boolean namesStatus = request.containsKey("status") && !request.isNull("status");
    boolean namesAge = request.containsKey("older_than_s") && !request.isNull("older_than_s");
    if (!namesStatus && !namesAge) {
      throw Refusal.invalid("status", "give status, older_than_s or both (a purge of everything finished names one: older_than_s 0)");
    }
    TaskStatus status = null;
    if (namesStatus) {
      if (!(request.get("status") instanceof jakarta.json.JsonString s) || s.getString().isBlank()) {
        throw Refusal.invalid("status", "must be a final status: COMPLETED, FAILED, CANCELLED, SKIPPED or DEAD");
      }
      status = parsedStatus(s.getString());
    }
    long olderThan = 0;
    if (namesAge) {
      if (!(request.get("older_than_s") instanceof jakarta.json.JsonNumber n)
          || !n.isIntegral()
          || n.bigIntegerValue().signum() < 0
          || n.bigIntegerValue().compareTo(java.math.BigInteger.valueOf(MAX_AGE_S)) > 0) {
        throw Refusal.invalid("older_than_s", "must be a whole number of seconds from 0 to " + MAX_AGE_S);
      }
      olderThan = ((jakarta.json.JsonNumber) request.get("older_than_s")).longValue();
    }
    long n = ops.purge(status, java.time.Duration.ofSeconds(olderThan), callers.api());
    return dev.baton.json.Jsonp.object().add("deleted", n).build();
  }

  @GET
  @Path("{id}/graph")
  @Operation(
      summary = "The tasks around one: what it depends on and what depends on it",
      description = "Every task connected to it through depends_on, up and down (at most 500), as nodes (id, type, status,"
          + " progress, parents_left) and edges (from a parent to the task that depends on it).")
  @APIResponse(
      responseCode = "200",
      description = "The graph; truncated if more tasks are connected.",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = TaskGraphView.class)))
  @APIResponse(responseCode = "404", description = ApiDocs.NO_TASK)
  public dev.baton.manager.tasks.entity.TaskGraphView graph(
      @Parameter(description = ApiDocs.TASK_ID, required = true, example = ApiDocs.TASK_ID_EXAMPLE) @PathParam("id") String id) {
    lookup.mine(id, callers.api());
    return graphs.around(id);
  }

  @GET
  @Path("{id}/status")
  @Operation(
      summary = "A task's status, progress and outcome, without its data and history",
      description = "Seed 001's shape (also with a trailing slash): task_id, status, progress, progress_message, worker_id, result,"
          + " error, updated_at, finished_at.")
  @APIResponse(
      responseCode = "200",
      description = "Its state.",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = TaskStatusView.class)))
  @APIResponse(responseCode = "404", description = ApiDocs.NO_TASK)
  public TaskStatusView statusOf(
      @Parameter(description = ApiDocs.TASK_ID, required = true, example = ApiDocs.TASK_ID_EXAMPLE) @PathParam("id") String id) {
    return TaskStatusView.of(lookup.mine(id, callers.api()));
  }

  /** 202 with the task's status after an action that may still be under way. */
  private Response acceptedWithStatus(String id) {
    return Response.accepted(statusOf(id)).build();
  }

  @GET
  @Path("{id}")
  @Operation(summary = "One task with its result, checkpoint and state history")
  @APIResponse(
      responseCode = "200",
      description = "The task, with history.",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = TaskView.class)))
  @APIResponse(responseCode = "404", description = ApiDocs.NO_TASK)
  public TaskView get(
      @Parameter(description = ApiDocs.TASK_ID, required = true, example = ApiDocs.TASK_ID_EXAMPLE) @PathParam("id") String id) {
    return lookup.detail(id, callers.api());
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
