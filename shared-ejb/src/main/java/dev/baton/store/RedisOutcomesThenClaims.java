package dev.baton.store;

import dev.baton.store.LuaScripts.Script;
import dev.baton.task.AttemptOutcome;
import dev.baton.task.DispatchOrder;
import dev.baton.task.OutcomesThenClaims;
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
    RedisOutcomes.addOutcomes(args, outcomes);
    RedisClaims.addOrders(args, orders);
    List<?> reply = (List<?>) redis.eval(Script.FINISH_CLAIM, args);
    return new Decided(RedisOutcomes.parseAll((List<?>) reply.get(0), outcomes), RedisClaims.parseAll((List<?>) reply.get(1), orders, workerId));
  }
}
