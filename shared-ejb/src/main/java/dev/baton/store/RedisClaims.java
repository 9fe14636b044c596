package dev.baton.store;

import static dev.baton.store.RedisTaskStore.emptyToNull;
import static dev.baton.store.RedisTaskStore.str;

import dev.baton.store.LuaScripts.Script;
import dev.baton.task.Claim;
import dev.baton.task.ClaimResult;
import dev.baton.task.Claims;
import dev.baton.task.DispatchOrder;
import dev.baton.task.IllegalTransitionException;
import dev.baton.task.RetryPolicy;
import dev.baton.task.TaskLimits;
import dev.baton.task.TaskStatus;
import java.util.ArrayList;
import java.util.List;

/** {@link Claims} as one call of Baton's function library: claim.lua for one task, claim_many.lua for several. */
public class RedisClaims implements Claims {
  private final Redis redis;

  public RedisClaims(Redis redis) {
    this.redis = redis;
  }

  @Override
  public List<ClaimResult> claim(String workerId, List<DispatchOrder> orders) {
    if (orders.size() == 1) {
      DispatchOrder o = orders.get(0);
      return List.of(claim(o.taskId(), workerId, o.epoch()));
    }
    List<String> args = new ArrayList<>(1 + 2 * orders.size());
    args.add(workerId);
    addOrders(args, orders);
    return parseAll((List<?>) redis.eval(Script.CLAIM_MANY, args), orders, workerId);
  }

  /** The orders as claim_many.lua (and finish_claim.lua) read them: task id and epoch, pair by pair. */
  static void addOrders(List<String> args, List<DispatchOrder> orders) {
    for (DispatchOrder o : orders) {
      args.add(o.taskId());
      args.add(Long.toString(o.epoch()));
    }
  }

  /** One result per order, from the claim replies in the same order. */
  static List<ClaimResult> parseAll(List<?> replies, List<DispatchOrder> orders, String workerId) {
    List<ClaimResult> results = new ArrayList<>(orders.size());
    for (int i = 0; i < orders.size(); i++) {
      results.add(parse((List<?>) replies.get(i), orders.get(i).taskId(), workerId, orders.get(i).epoch()));
    }
    return results;
  }

  /** One task: what a message of one order needs (and what tests and tools call). */
  public ClaimResult claim(String taskId, String workerId, long expectedEpoch) {
    List<?> r = (List<?>) redis.eval(Script.CLAIM, List.of(taskId, workerId, Long.toString(expectedEpoch)));
    return parse(r, taskId, workerId, expectedEpoch);
  }

  private static ClaimResult parse(List<?> r, String taskId, String workerId, long expectedEpoch) {
    return switch (str(r, 0)) {
      case "ok" ->
          ClaimResult.claimed(
              new Claim(
                  taskId,
                  Long.parseLong(str(r, 1)),
                  Integer.parseInt(str(r, 2)),
                  str(r, 3),
                  str(r, 4),
                  emptyToNull(str(r, 5)),
                  Integer.parseInt(str(r, 6)),
                  emptyToNull(str(r, 7)) == null ? null : Integer.valueOf(str(r, 7)),
                  Integer.parseInt(str(r, 8)),
                  Integer.parseInt(str(r, 9)),
                  RetryPolicy.of(str(r, 10), str(r, 11), str(r, 12), str(r, 13)),
                  TaskLimits.of(str(r, 14), str(r, 15), null),
                  emptyToNull(str(r, 16))));
      case "missing" -> ClaimResult.refused(ClaimResult.Outcome.MISSING, "no such task");
      case "stale" ->
          ClaimResult.refused(
              ClaimResult.Outcome.STALE, "task is " + str(r, 1) + " at epoch " + str(r, 2) + ", message had " + expectedEpoch);
      case "not_target" -> ClaimResult.refused(ClaimResult.Outcome.NOT_TARGET, "task waits for " + str(r, 1));
      case "parked" -> ClaimResult.refused(ClaimResult.Outcome.PARKED, str(r, 1));
      case "worker_failed" ->
          ClaimResult.refused(ClaimResult.Outcome.WORKER_FAILED, workerId + " is declared failed and has not rejoined yet");
      case "illegal" -> throw new IllegalTransitionException(TaskStatus.valueOf(str(r, 1)), TaskStatus.valueOf(str(r, 2)));
      default -> throw new IllegalStateException("claim: unexpected reply " + r);
    };
  }
}
