package dev.baton.nemesis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A client call: its invoke and its completion paired (by process: a client makes one call at a time). */
record Call(String process, String f, long invokedMs, long endedMs, Op.Type outcome) {
  long latencyMs() {
    return endedMs - invokedMs;
  }

  boolean ok() {
    return outcome == Op.Type.OK;
  }

  /** The calls of a history, in the order they were invoked; an invoke left without completion is not a call. */
  static List<Call> of(List<Op> history) {
    Map<String, Op> open = new HashMap<>();
    List<Call> calls = new ArrayList<>();
    for (Op op : history) {
      if (op.type() == Op.Type.INVOKE) {
        open.put(op.process(), op);
      } else {
        Op invoke = open.remove(op.process());
        if (invoke != null) {
          calls.add(new Call(op.process(), invoke.f(), invoke.wallMs(), op.wallMs(), op.type()));
        }
      }
    }
    calls.sort((a, b) -> Long.compare(a.invokedMs, b.invokedMs));
    return calls;
  }
}
