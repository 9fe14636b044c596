package dev.baton.store;

import dev.baton.store.LuaScripts.Script;
import dev.baton.task.AttemptOutcome;
import dev.baton.task.ClaimResult;
import dev.baton.task.DispatchOrder;
import dev.baton.task.OutcomesThenClaims;
import dev.baton.task.WriteResult;
import java.util.ArrayList;
import java.util.List;

/** {@link OutcomesThenClaims} as one call of Baton's function library: finish_claim.lua. */
public class RedisOutcomesThenClaims implements OutcomesThenClaims {
  private final Redis redis;

  public RedisOutcomesThenClaims(Redis redis) {
    this.redis = redis;
  }

  @Override
  public Decided recordThenClaim(List<AttemptOutcome> outcomes, String workerId, List<DispatchOrder> orders) {
    List<String> args = new ArrayList<>(2 + 6 * outcomes.size() + 2 * orders.size());
    args.add(workerId);
    args.add(Integer.toString(outcomes.size()));
    outcomes.forEach(o -> args.addAll(RedisOutcomes.arguments(o)));
    for (DispatchOrder o : orders) {
      args.add(o.taskId());
      args.add(Long.toString(o.epoch()));
    }
    List<?> reply = (List<?>) redis.eval(Script.FINISH_CLAIM, args);
    List<?> finished = (List<?>) reply.get(0);
    List<?> claimed = (List<?>) reply.get(1);
    List<WriteResult> written = new ArrayList<>(outcomes.size());
    for (int i = 0; i < outcomes.size(); i++) {
      written.add(RedisOutcomes.refusedIfIllegal((List<?>) finished.get(i), outcomes.get(i).epoch()));
    }
    List<ClaimResult> results = new ArrayList<>(orders.size());
    for (int i = 0; i < orders.size(); i++) {
      DispatchOrder o = orders.get(i);
      results.add(RedisClaims.parse((List<?>) claimed.get(i), o.taskId(), workerId, o.epoch()));
    }
    return new Decided(written, results);
  }
}
