package dev.baton.manager.queues.boundary;

import dev.baton.json.Jsonp;
import dev.baton.manager.config.JsonBinding;
import dev.baton.manager.openapi.ApiDocs;
import dev.baton.manager.openapi.SeedAddedSchema;
import dev.baton.manager.openapi.SeedCancelledSchema;
import dev.baton.manager.openapi.SeedQueueAddSchema;
import dev.baton.manager.openapi.SeedQueueSchema;
import dev.baton.manager.openapi.SeedQueueStateSchema;
import dev.baton.manager.openapi.SeedStatsSchema;
import dev.baton.manager.operations.Operations;
import dev.baton.manager.problems.JsonBodies;
import dev.baton.manager.problems.QueryParams;
import dev.baton.manager.queues.control.QueueControl;
import dev.baton.manager.queues.entity.QueueView;
import dev.baton.manager.queues.entity.SeedStatus;
import dev.baton.manager.queues.entity.SeedTaskView;
import dev.baton.manager.refusal.Refusal;
import dev.baton.manager.tasks.control.TaskLookup;
import dev.baton.queue.QueueState;
import dev.baton.security.Role;
import dev.baton.task.Queues;
import dev.baton.task.TaskOrder;
import dev.baton.task.TaskQuery;
import dev.baton.task.TaskRecord;
import dev.baton.task.TaskStatus;
import dev.baton.task.Violation;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Seed 004's queue API as it is written there, on Baton's services: {@code /queue/add}, {@code /queue},
 * {@code /queue/{id}}, {@code /queue/{id}/cancel}, {@code /queue/start|pause|resume|stop}, {@code
 * /queue/stats}, with its status words. It works on the {@code default} queue; {@code ?queue=} names another.
 */
@RolesAllowed(Role.ANY_CALLER) // any caller: the actions check each role (Operations); ADR 0048
@Path("queue")
@Tag(
    name = "seed-queue",
    description = "Seed 004's queue API as written there, on the default queue (or ?queue=), with its status words: queued,"
        + " waiting, running, done, failed (DEAD too), cancelled, skipped.")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SeedQueueResource {
  private static final long MAX_BODY = 1L << 20;
  /** Seed 004's fields of an add, and the Baton fields they become. */
  private static final Map<String, String> FIELDS =
      Map.of("task_type", "type", "config", "data", "label", "label", "depends_on", "depends_on", "priority", "priority", "critical",
          "critical", "idempotency_key", "idempotency_key");

  @Inject dev.baton.manager.security.Callers callers;
  @Inject Operations ops;
  @Inject TaskLookup lookup;
  @Inject QueueControl queues;

  @POST
  @Path("add")
  @Operation(
      summary = "Seed 004: add a task to the queue",
      description = "{\"task_type\": \"benchmark\", \"config\": {...}, \"label\": \"...\", \"depends_on\": <task id, list of ids, or"
          + " null>}; also priority, critical (Telegram marks its failure CRITICAL), idempotency_key. 201 {\"task_id\", \"status\"}:"
          + " queued, or waiting for its parents.")
  @RequestBody(
      required = true,
      description = "Seed 004's task, at most 1 MiB.",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = SeedQueueAddSchema.class)))
  @APIResponse(
      responseCode = "201",
      description = "Added (also for a repeat of an idempotency_key: then the task it made before).",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = SeedAddedSchema.class)))
  @APIResponse(
      responseCode = "409",
      description = "Its idempotency_key made a task before, with another request; nothing was stored.")
  @APIResponse(responseCode = "413", description = "config over baton.api.max-data-bytes (1 MiB), or the body over 1 MiB.")
  @APIResponse(
      responseCode = "422",
      description = "No task_type, an unknown task_type, a bad config (named config.<field>), an unknown parent, an unknown field, a"
          + " body that is not an object, a bad queue.")
  @APIResponse(
      responseCode = "429",
      description = "Back pressure: more than baton.api.max-pending accepted tasks would wait to start; nothing was stored.",
      headers = @Header(name = ApiDocs.RETRY_AFTER, description = "Seconds to wait: 1.", schema = @Schema(type = SchemaType.INTEGER)))
  public Response add(
      InputStream body,
      @Parameter(description = "The queue: " + ApiDocs.QUEUE_RULE + " Left out: default.", example = "default")
          @QueryParam("queue")
          String queue) {
    var actor = callers.api().require(dev.baton.security.Role.OPERATOR); // before the body is read: a viewer learns nothing from it
    JsonValue request = JsonBodies.read(body, MAX_BODY);
    if (!(request instanceof JsonObject o)) {
      throw Refusal.invalid("", "must be a JSON object: {\"task_type\": ..., \"config\": {...}, \"label\": ..., \"depends_on\": ...}");
    }
    JsonObjectBuilder task = Jsonp.object().add("queue", queueName(queue));
    for (Map.Entry<String, JsonValue> e : o.entrySet()) {
      String field = FIELDS.get(e.getKey());
      if (field == null) {
        throw Refusal.invalid(e.getKey(), "is not a field of seed 004's add; known: " + String.join(", ", FIELDS.keySet().stream().sorted().toList()));
      }
      task.add(field, e.getValue());
    }
    if (!o.containsKey("task_type")) {
      throw Refusal.invalid("task_type", "is required");
    }
    TaskRecord t;
    try {
      t = lookup.find(ops.submit(task.build(), actor).id()).orElseThrow();
    } catch (Refusal r) {
      throw inSeedNames(r);
    }
    return Response.status(Response.Status.CREATED)
        .entity(Jsonp.object().add("task_id", t.id()).add("status", SeedStatus.of(t.status()).word()).build())
        .build();
  }

  @GET
  @Operation(
      summary = "Seed 004: the queue, oldest first",
      description = "The tasks not done yet (queued, waiting, running); include_done=true lists the ended ones too. limit: 1 to 1000.")
  @APIResponse(
      responseCode = "200",
      description = "The queue's first tasks, oldest first.",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = SeedQueueSchema.class)))
  @APIResponse(
      responseCode = "422",
      description = "include_done not true or false, limit not an integer from 1 to 1000, a bad queue.")
  public JsonObject list(
      @Parameter(
              description = "true: the ended tasks too (exactly true or false).",
              schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false"))
          @QueryParam("include_done")
          @DefaultValue("false")
          String includeDone,
      @Parameter(
              description = "Tasks in the answer: an integer from 1 to 1000.",
              schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000", defaultValue = "50"))
          @QueryParam("limit")
          @DefaultValue("50")
          String limitParam,
      @Parameter(description = "The queue: " + ApiDocs.QUEUE_RULE + " Left out: default.", example = "default")
          @QueryParam("queue")
          String queue) {
    int limit = QueryParams.intIn("limit", limitParam, 1, 1000);
    if (!includeDone.equals("true") && !includeDone.equals("false")) {
      throw Refusal.invalid("include_done", "must be true or false");
    }
    Set<TaskStatus> statuses = includeDone.equals("true") ? EnumSet.allOf(TaskStatus.class) : SeedStatus.notDone();
    String name = queueName(queue);
    var page = lookup.page(new TaskQuery(statuses, null, null, null, TaskOrder.CREATED, false, 0, limit).inQueue(name), callers.api());
    List<SeedTaskView> tasks = page.items().stream().map(SeedTaskView::of).toList();
    return Jsonp.object()
        .add("queue", name)
        .add("state", queues.stateOf(name).wireName())
        .add("tasks", Jsonp.parse(JsonBinding.JSONB.toJson(tasks)))
        .add("count", tasks.size())
        .add("total", page.total())
        .build();
  }

  @GET
  @Path("stats")
  @Operation(summary = "Seed 004: how many tasks of the queue are in each status word, its state and its pace")
  @APIResponse(
      responseCode = "200",
      description = "The counts (zero for a queue no task named), its state, throughput and mean times.",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = SeedStatsSchema.class)))
  @APIResponse(responseCode = "422", description = "queue breaks the rule for queue names.")
  public JsonObject stats(
      @Parameter(description = "The queue: " + ApiDocs.QUEUE_RULE + " Left out: default.", example = "default")
          @QueryParam("queue")
          String queue) {
    String name = queueName(queue);
    QueueView q = queues.all().stream().filter(v -> v.name().equals(name)).findFirst().orElse(null);
    JsonObjectBuilder b = Jsonp.object().add("queue", name).add("state", q == null ? QueueState.ACTIVE.wireName() : q.state());
    long total = 0;
    for (SeedStatus w : SeedStatus.ALL) {
      long n = 0;
      for (TaskStatus s : w.statuses()) {
        n += q == null ? 0 : q.tasks().getOrDefault(s.name(), 0L);
      }
      b.add(w.word(), n);
      total += n;
    }
    b.add("total", total);
    b.add("throughput_per_s", q == null ? 0 : q.throughputPerS());
    b.add("mean_wait_ms", q == null || q.meanWaitMs() == null ? JsonValue.NULL : Jsonp.PROVIDER.createValue(q.meanWaitMs()));
    b.add("mean_run_ms", q == null || q.meanRunMs() == null ? JsonValue.NULL : Jsonp.PROVIDER.createValue(q.meanRunMs()));
    return b.build();
  }

  @GET
  @Path("{id}")
  @Operation(summary = "Seed 004: one task")
  @APIResponse(
      responseCode = "200",
      description = "The task in seed 004's words.",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = SeedTaskView.class)))
  @APIResponse(responseCode = "404", description = ApiDocs.NO_TASK)
  public SeedTaskView get(
      @Parameter(description = ApiDocs.TASK_ID, required = true, example = ApiDocs.TASK_ID_EXAMPLE) @PathParam("id") String id) {
    return SeedTaskView.of(lookup.mine(id, callers.api()));
  }

  @POST
  @Path("{id}/cancel")
  @Operation(
      summary = "Seed 004: cancel a task",
      description = "A queued or waiting task is cancelled at once, a running one at its next step boundary; its waiting"
          + " dependents are cancelled too. No Telegram message.")
  @APIResponse(
      responseCode = "200",
      description = "Cancelled, or cancelling (running until its worker stops it).",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = SeedCancelledSchema.class)))
  @APIResponse(responseCode = "404", description = ApiDocs.NO_TASK)
  @APIResponse(responseCode = "409", description = "It has ended already.")
  public JsonObject cancel(
      @Parameter(description = ApiDocs.TASK_ID, required = true, example = ApiDocs.TASK_ID_EXAMPLE) @PathParam("id") String id) {
    ops.cancel(id, callers.api());
    TaskRecord t = lookup.mine(id, callers.api());
    return Jsonp.object().add("task_id", id).add("status", SeedStatus.of(t.status()).word()).add("baton_status", t.status().name()).build();
  }

  @POST
  @Path("start")
  @Operation(summary = "Seed 004: start the queue (after a stop or pause)")
  @APIResponse(
      responseCode = "200",
      description = "The queue's state now (a queue nobody used yet is set up in advance).",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = SeedQueueStateSchema.class)))
  @APIResponse(responseCode = "422", description = "queue breaks the rule for queue names.")
  public JsonObject start(
      @Parameter(description = "The queue: " + ApiDocs.QUEUE_RULE + " Left out: default.", example = "default")
          @QueryParam("queue")
          String queue) {
    return state(ops.setQueueState(queueName(queue), QueueState.ACTIVE, callers.api()));
  }

  @POST
  @Path("pause")
  @Operation(summary = "Seed 004: pause the queue: nothing new starts, running tasks finish")
  @APIResponse(
      responseCode = "200",
      description = "The queue's state now (a queue nobody used yet is set up in advance).",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = SeedQueueStateSchema.class)))
  @APIResponse(responseCode = "422", description = "queue breaks the rule for queue names.")
  public JsonObject pause(
      @Parameter(description = "The queue: " + ApiDocs.QUEUE_RULE + " Left out: default.", example = "default")
          @QueryParam("queue")
          String queue) {
    return state(ops.setQueueState(queueName(queue), QueueState.PAUSED, callers.api()));
  }

  @POST
  @Path("resume")
  @Operation(summary = "Seed 004: resume the queue")
  @APIResponse(
      responseCode = "200",
      description = "The queue's state now (a queue nobody used yet is set up in advance).",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = SeedQueueStateSchema.class)))
  @APIResponse(responseCode = "422", description = "queue breaks the rule for queue names.")
  public JsonObject resume(
      @Parameter(description = "The queue: " + ApiDocs.QUEUE_RULE + " Left out: default.", example = "default")
          @QueryParam("queue")
          String queue) {
    return state(ops.setQueueState(queueName(queue), QueueState.ACTIVE, callers.api()));
  }

  @POST
  @Path("stop")
  @Operation(summary = "Seed 004: stop the queue: running tasks checkpoint at their next step and wait for start")
  @APIResponse(
      responseCode = "200",
      description = "The queue's state now (a queue nobody used yet is set up in advance).",
      content = @Content(mediaType = ApiDocs.JSON, schema = @Schema(implementation = SeedQueueStateSchema.class)))
  @APIResponse(responseCode = "422", description = "queue breaks the rule for queue names.")
  public JsonObject stop(
      @Parameter(description = "The queue: " + ApiDocs.QUEUE_RULE + " Left out: default.", example = "default")
          @QueryParam("queue")
          String queue) {
    return state(ops.setQueueState(queueName(queue), QueueState.STOPPED, callers.api()));
  }

  private static JsonObject state(QueueView q) {
    return Jsonp.object().add("queue", q.name()).add("state", q.state()).add("running", q.running()).add("parked", q.parked()).build();
  }

  private static String queueName(String queue) {
    if (queue == null || queue.isEmpty()) {
      return Queues.DEFAULT;
    }
    if (!Queues.isValidName(queue)) {
      throw Refusal.invalid("queue", Queues.NAME_RULE);
    }
    return queue;
  }

  /** The same refusal with seed 004's field names (task_type, config) where Baton's stood. */
  private static Refusal inSeedNames(Refusal r) {
    if (r.kind() != Refusal.Kind.INVALID && r.kind() != Refusal.Kind.TOO_LARGE) {
      return r;
    }
    List<Violation> renamed =
        r.violations().stream()
            .map(v -> new Violation(v.field().replaceFirst("^type\\b", "task_type").replaceFirst("^data\\b", "config"), v.reason()))
            .toList();
    return r.kind() == Refusal.Kind.INVALID ? Refusal.invalid(renamed) : Refusal.tooLarge(renamed.get(0).field(), renamed.get(0).reason());
  }
}
