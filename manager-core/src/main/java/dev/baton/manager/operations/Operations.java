package dev.baton.manager.operations;

import dev.baton.cluster.FailureMode;
import dev.baton.manager.cluster.control.Migrations;
import dev.baton.manager.cluster.control.WorkerCommands;
import dev.baton.manager.cluster.control.WorkerLauncher;
import dev.baton.manager.cluster.entity.CommandSent;
import dev.baton.manager.cluster.entity.MigrationStarted;
import dev.baton.manager.config.ManagerSettings;
import dev.baton.manager.refusal.Refusal;
import dev.baton.manager.scenarios.control.ScenarioEngine;
import dev.baton.manager.scenarios.entity.ScenarioRun;
import dev.baton.manager.schedules.control.Schedules;
import dev.baton.manager.schedules.entity.ScheduleView;
import dev.baton.manager.tasks.control.BulkTaskActions;
import dev.baton.manager.tasks.control.KnownTypes;
import dev.baton.manager.tasks.control.TaskCancellation;
import dev.baton.manager.tasks.control.TaskRequests;
import dev.baton.manager.tasks.control.TaskRequeue;
import dev.baton.manager.tasks.control.TaskRetention;
import dev.baton.manager.tasks.control.TaskSubmission;
import dev.baton.manager.tasks.entity.TaskView;
import dev.baton.security.Role;
import dev.baton.task.CancelResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import java.util.List;

/**
 * Every action a person can take, whichever way they come (the REST API, the console, a scenario):
 * submit, cancel, retry, schedule, migrate, make a worker fail, overload it, recover it, start it again, run a scenario. The one
 * place the role check guards (each action's first line); reads go through the lookups. Each action states its actor, which
 * is recorded with what it changes.
 */
@ApplicationScoped
public class Operations {
  @Inject KnownTypes types;
  @Inject ManagerSettings settings;
  @Inject TaskSubmission submission;
  @Inject TaskCancellation cancellation;
  @Inject TaskRetention retention;
  @Inject TaskRequeue requeue;
  @Inject BulkTaskActions bulk;
  @Inject Schedules schedules;
  @Inject dev.baton.manager.queues.control.QueueControl queues;
  @Inject dev.baton.manager.webhooks.control.Webhooks webhooks;
  @Inject Migrations migrations;
  @Inject WorkerCommands workers;
  @Inject WorkerLauncher launcher;
  @Inject ScenarioEngine scenarios;
  @Inject dev.baton.manager.security.SubmitRate submitRate;
  @Inject dev.baton.manager.security.Accounts accounts;
  @Inject dev.baton.manager.tasks.control.TaskLookup lookup;

  /** One task from its JSON request, checked against the same rules everywhere. */
  public TaskView submit(JsonValue request, Actor actor) {
    return submit(request, null, actor).tasks().get(0);
  }

  /** One task, with the key of an {@code Idempotency-Key} header (or null): a repeat answers the first task. */
  public dev.baton.manager.tasks.entity.Submission submit(JsonValue request, String idempotencyKey, Actor actor) {
    actor.require(Role.OPERATOR);
    submitRate.take(actor);
    return submission.submit(ownParents(List.of(requests(actor).one(request, idempotencyKey)), actor));
  }

  /** A batch ({@code {"tasks": [...]}} or an array): all valid and stored, or none. */
  public List<TaskView> submitBatch(JsonValue request, Actor actor) {
    return acceptBatch(request, actor).tasks();
  }

  /** The same, saying how many were created now (tasks whose idempotency key made one before are not). */
  public dev.baton.manager.tasks.entity.Submission acceptBatch(JsonValue request, Actor actor) {
    actor.require(Role.OPERATOR);
    submitRate.take(actor);
    return submission.submit(ownParents(requests(actor).batch(request, settings.maxBatch()), actor));
  }

  /** Cancels a task: at once if no worker runs it, else at its worker's next step boundary. */
  public CancelResult cancel(String taskId, Actor actor) {
    actor.require(Role.OPERATOR);
    mustOwn(taskId, actor);
    return cancellation.cancel(taskId, actor.toString());
  }

  /** Cancels every task the listing matches; @return how many were cancelled or asked to stop. */
  public int cancelMatching(dev.baton.task.TaskQuery matching, Actor actor) {
    actor.require(Role.OPERATOR);
    return bulk.cancel(dev.baton.manager.tasks.control.TaskLookup.visibleTo(matching, actor), actor.toString());
  }

  /** Requeues every FAILED or DEAD task the listing matches; @return how many. */
  public int retryMatching(dev.baton.task.TaskQuery matching, Actor actor) {
    actor.require(Role.OPERATOR);
    return bulk.retry(dev.baton.manager.tasks.control.TaskLookup.visibleTo(matching, actor), actor.toString());
  }

  /** Requeues a FAILED or DEAD task for a new attempt under the same id. */
  public void retry(String taskId, Actor actor) {
    actor.require(Role.OPERATOR);
    mustOwn(taskId, actor);
    requeue.one(taskId, actor.toString());
  }

  /** Requeues these tasks where they are FAILED or DEAD; @return how many were. */
  public int retry(java.util.Collection<String> taskIds, Actor actor) {
    actor.require(Role.OPERATOR);
    return requeue.ids(actor.seesAll() ? taskIds : taskIds.stream().filter(id -> lookup.find(id, actor).isPresent()).toList(), actor.toString());
  }

  /** Requeues every FAILED (or every DEAD) task; @return how many. */
  public int retryAll(dev.baton.task.TaskStatus status, Actor actor) {
    actor.require(Role.OPERATOR);
    if (!actor.seesAll()) {
      return retryMatching(new dev.baton.task.TaskQuery(java.util.Set.of(status), null, null, 0, 1), actor);
    }
    return requeue.all(status, actor.toString());
  }

  /** Deletes a finished task with all its keys. */
  public void delete(String taskId, Actor actor) {
    actor.require(Role.ADMIN);
    retention.delete(taskId, actor.toString());
  }

  /** Deletes the finished tasks of a status (any if null) that finished {@code olderThan} ago; @return how many. */
  public long purge(dev.baton.task.TaskStatus status, java.time.Duration olderThan, Actor actor) {
    actor.require(Role.ADMIN);
    return retention.purge(status, olderThan, actor.toString());
  }

  public dev.baton.manager.webhooks.entity.WebhookView createWebhook(JsonValue request, Actor actor) {
    actor.require(Role.ADMIN);
    return webhooks.create(request);
  }

  /** Replaces the hosts on non-public addresses that webhooks may point at: admins only. */
  public List<String> setAllowedWebhookHosts(JsonValue request, Actor actor) {
    actor.require(Role.ADMIN);
    return webhooks.setAllowedHosts(request);
  }

  public void deleteWebhook(String id, Actor actor) {
    actor.require(Role.ADMIN);
    webhooks.delete(id);
  }

  /**
   * Pauses, resumes, stops or starts a named queue: an admin any queue, an operator only a queue an admin gave them
   * (its owner). A queue is shared by everyone who submits to it - default above all - so nobody else may hold it.
   */
  public dev.baton.manager.queues.entity.QueueView setQueueState(String name, dev.baton.queue.QueueState state, Actor actor) {
    actor.require(Role.OPERATOR);
    if (!actor.seesAll()) {
      String owner = queues.ownerOf(name);
      if (owner == null || !owner.equals(actor.user())) {
        throw Refusal.forbidden(
            "this needs the role admin, or to own the queue: " + name + (owner == null ? " belongs to nobody" : " belongs to " + owner)
                + " (an admin gives a queue an owner)");
      }
    }
    return queues.setState(name, state, actor.toString());
  }

  /** Gives a queue an owner - a user who may then control it - or none ({@code {"owner": null}}): admins only. */
  public dev.baton.manager.queues.entity.QueueView setQueueOwner(String name, JsonValue request, Actor actor) {
    actor.require(Role.ADMIN);
    if (!(request instanceof jakarta.json.JsonObject o) || !o.containsKey("owner") || o.size() != 1
        || !(o.get("owner") == JsonValue.NULL || o.get("owner") instanceof jakarta.json.JsonString)) {
      throw Refusal.invalid("owner", "is required: a user's name, or null for nobody (only admins control the queue then)");
    }
    String owner = o.get("owner") instanceof jakarta.json.JsonString s ? s.getString() : null;
    if (owner != null && accounts.user(owner).isEmpty()) {
      throw Refusal.invalid("owner", "names no user");
    }
    return queues.setOwner(name, owner, actor.toString());
  }

  /** Replaces a named queue's limits (concurrency, rate limit). */
  public dev.baton.manager.queues.entity.QueueView configureQueue(String name, JsonValue request, Actor actor) {
    actor.require(Role.ADMIN);
    return queues.configure(name, request, actor.toString());
  }

  public ScheduleView createSchedule(JsonValue request, Actor actor) {
    actor.require(Role.ADMIN);
    return schedules.create(request);
  }

  public ScheduleView updateSchedule(String name, JsonValue request, Actor actor) {
    actor.require(Role.ADMIN);
    return schedules.update(name, request);
  }

  public void deleteSchedule(String name, Actor actor) {
    actor.require(Role.ADMIN);
    schedules.delete(name);
  }

  public ScheduleView pauseSchedule(String name, Actor actor) {
    actor.require(Role.ADMIN);
    return schedules.pause(name);
  }

  public ScheduleView resumeSchedule(String name, Actor actor) {
    actor.require(Role.ADMIN);
    return schedules.resume(name);
  }

  /** @return the id of the task the schedule created now */
  public String triggerSchedule(String name, Actor actor) {
    actor.require(Role.ADMIN);
    return schedules.trigger(name);
  }

  /** @param target a live worker, or null for the least loaded one that runs the task's type */
  public MigrationStarted migrate(String taskId, String target, Actor actor) {
    actor.require(Role.OPERATOR);
    mustOwn(taskId, actor);
    return migrations.request(taskId, target, actor.toString());
  }

  public CommandSent fail(String workerId, FailureMode mode, Actor actor) {
    actor.require(Role.ADMIN);
    return workers.fail(workerId, mode, actor.toString());
  }

  public CommandSent overload(String workerId, double factor, int seconds, Actor actor) {
    actor.require(Role.ADMIN);
    return workers.overload(workerId, factor, seconds);
  }

  public CommandSent recover(String workerId, Actor actor) {
    actor.require(Role.ADMIN);
    return workers.recover(workerId, actor.toString());
  }

  /** Starts a stopped or crashed worker's process again (only where a launcher started the cluster). */
  public CommandSent restart(String workerId, Actor actor) {
    actor.require(Role.ADMIN);
    return new CommandSent(workerId, "restart", launcher.start(workerId));
  }

  public ScenarioRun startScenario(String name, Actor actor) {
    actor.require(Role.ADMIN);
    return scenarios.start(name, actor);
  }

  public ScenarioRun abortScenario(String runId, Actor actor) {
    actor.require(Role.ADMIN);
    return scenarios.abort(runId);
  }

  /** A viewer's or operator's action on another's task: 404, as for a task that does not exist. */
  private void mustOwn(String taskId, Actor actor) {
    if (!actor.seesAll()) {
      lookup.mine(taskId, actor);
    }
  }

  /** The actor's task requests: the tasks they make are theirs. */
  private TaskRequests requests(Actor actor) {
    return new TaskRequests(types.all(), settings.maxDataBytes(), actor.user());
  }

  /** A viewer's or operator's task may wait only for their own tasks (or ones of the same batch). */
  private List<dev.baton.manager.tasks.control.TaskSpec> ownParents(List<dev.baton.manager.tasks.control.TaskSpec> specs, Actor actor) {
    if (actor.seesAll()) {
      return specs;
    }
    java.util.Set<String> refs = new java.util.HashSet<>();
    specs.forEach(s -> {
      if (s.ref() != null) {
        refs.add(s.ref());
      }
    });
    for (var s : specs) {
      for (String parent : s.dependsOn()) {
        if (!refs.contains(parent) && lookup.find(parent, actor).isEmpty()) {
          throw dev.baton.manager.refusal.Refusal.invalid(s.at() + "depends_on", "names no task of yours: " + parent);
        }
      }
    }
    return specs;
  }
}
