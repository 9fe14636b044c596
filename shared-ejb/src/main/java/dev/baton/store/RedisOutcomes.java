package dev.baton.store;

import static dev.baton.store.RedisTaskStore.str;

import dev.baton.store.LuaScripts.Script;
import dev.baton.task.AttemptOutcome;
import dev.baton.task.IllegalTransitionException;
import dev.baton.task.Outcomes;
import dev.baton.task.TaskStatus;
import dev.baton.task.WriteResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@link Outcomes} as one call of Baton's function library: finish.lua for one, finish_many.lua for several. */
public class RedisOutcomes implements Outcomes {
  private final Redis redis;

  public RedisOutcomes(Redis redis) {
    this.redis = redis;
  }

  @Override
  public List<WriteResult> record(List<AttemptOutcome> outcomes) {
    if (outcomes.size() == 1) {
      AttemptOutcome o = outcomes.get(0);
      List<?> r = (List<?>) redis.eval(Script.FINISH, arguments(o));
      return List.of(refusedIfIllegal(r, o.epoch()));
    }
    List<String> args = new ArrayList<>(6 * outcomes.size());
    addOutcomes(args, outcomes);
    return parseAll((List<?>) redis.eval(Script.FINISH_MANY, args), outcomes);
  }

  /** The outcomes as finish_many.lua (and finish_claim.lua) read them: six fields each. */
  static void addOutcomes(List<String> args, List<AttemptOutcome> outcomes) {
    outcomes.forEach(o -> args.addAll(arguments(o)));
  }

  /** One result per outcome, from the finish replies in the same order. */
  static List<WriteResult> parseAll(List<?> replies, List<AttemptOutcome> outcomes) {
    List<WriteResult> results = new ArrayList<>(outcomes.size());
    for (int i = 0; i < outcomes.size(); i++) {
      results.add(refusedIfIllegal((List<?>) replies.get(i), outcomes.get(i).epoch()));
    }
    return results;
  }

  /** One outcome; a refusal of the transition table is an exception here, as for every other single write. */
  WriteResult record(AttemptOutcome o) {
    List<?> r = (List<?>) redis.eval(Script.FINISH, arguments(o));
    if ("illegal".equals(str(r, 0))) {
      throw new IllegalTransitionException(TaskStatus.valueOf(str(r, 1)), TaskStatus.valueOf(str(r, 2)));
    }
    return RedisTaskStore.writeResult(r, o.epoch());
  }

  private static WriteResult refusedIfIllegal(List<?> r, long epoch) {
    if ("illegal".equals(str(r, 0))) {
      return new WriteResult(WriteResult.Outcome.FENCED, TaskStatus.valueOf(str(r, 1)), "the transition table refuses " + str(r, 1) + " -> " + str(r, 2));
    }
    return RedisTaskStore.writeResult(r, epoch);
  }

  private static List<String> arguments(AttemptOutcome o) {
    Duration retryIn = o.retryIn();
    return List.of(
        o.taskId(), Long.toString(o.epoch()), o.kind().name(), o.payload(), o.workerId(), retryIn == null ? "" : Long.toString(retryIn.toMillis()));
  }
}
