package dev.baton.manager.tasks.control;

import dev.baton.task.DispatchOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Packs dispatch orders into broker messages of up to K orders each (ADR 0055). Only orders of the same type,
 * queue, priority and target share a message: the broker's priority order and selectors, and a worker's choice
 * to take or give back a message, stay exactly what they are for one task.
 */
final class MessagePacking {
  private MessagePacking() {}

  static List<List<DispatchOrder>> pack(List<DispatchOrder> orders, int most) {
    List<List<DispatchOrder>> messages = new ArrayList<>();
    if (most <= 1) {
      orders.forEach(o -> messages.add(List.of(o)));
      return messages;
    }
    Map<Key, List<DispatchOrder>> open = new LinkedHashMap<>();
    for (DispatchOrder o : orders) {
      List<DispatchOrder> m = open.computeIfAbsent(new Key(o), k -> new ArrayList<>(most));
      m.add(o);
      if (m.size() == most) {
        messages.add(m);
        open.remove(new Key(o));
      }
    }
    messages.addAll(open.values());
    return messages;
  }

  private record Key(String type, String queue, int priority, String target) {
    Key(DispatchOrder o) {
      this(o.type(), o.queue(), o.priority(), o.targetWorker());
    }
  }
}
